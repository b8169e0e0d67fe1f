package io.vitrine.train;

import io.vitrine.recall.AlsSettings;
import io.vitrine.recall.EaseSettings;

/**
 * What one training run builds and how.
 *
 * @param examples how examples are built from events
 * @param ranker the XGBoost parameters of the ranker
 * @param maxExamples training examples kept, a uniform sample beyond it, bounding memory (a quarter of it for
 *            validation)
 * @param als factors, iterations and regularisation of the item embeddings
 * @param ease λ, item limit and neighbour count of the EASE table
 */
public record TrainingOptions(ExampleOptions examples, TrainerParameters ranker, int maxExamples, AlsSettings als,
        EaseSettings ease) {

    public TrainingOptions {
        if (maxExamples < 1) {
            throw new IllegalArgumentException("maxExamples must be at least 1");
        }
    }

    /** The default ranker and tables, at most a million training examples, seeded like {@code examples}. */
    public static TrainingOptions defaults(ExampleOptions examples) {
        return new TrainingOptions(examples, TrainerParameters.defaults().withSeed(examples.seed()), 1_000_000,
                AlsSettings.defaults().withSeed(examples.seed()), EaseSettings.defaults());
    }

    /** Validation examples kept: a quarter of the training budget. */
    public int maxValidationExamples() {
        return Math.max(1, maxExamples / 4);
    }

    public TrainingOptions withRanker(TrainerParameters ranker) {
        return new TrainingOptions(examples, ranker, maxExamples, als, ease);
    }

    public TrainingOptions withMaxExamples(int maxExamples) {
        return new TrainingOptions(examples, ranker, maxExamples, als, ease);
    }

    public TrainingOptions withEase(EaseSettings ease) {
        return new TrainingOptions(examples, ranker, maxExamples, als, ease);
    }
}
