package io.vitrine.cli;

import io.vitrine.recall.EaseSettings;
import io.vitrine.train.ExampleOptions;
import io.vitrine.train.TrainerParameters;
import io.vitrine.train.TrainingOptions;

import picocli.CommandLine.Option;

/** The trainer's flags, shared by {@code train} and {@code evaluate} so both train the same way. */
public class TrainingFlags {

    @Option(names = "--max-examples", defaultValue = "1000000",
            description = "Training examples kept, a uniform sample beyond it; bounds memory (default ${DEFAULT-VALUE}).")
    int maxExamples;

    @Option(names = "--trees", defaultValue = "100", description = "Boosting rounds (default ${DEFAULT-VALUE}).")
    int trees;

    @Option(names = "--max-depth", defaultValue = "6", description = "Tree depth (default ${DEFAULT-VALUE}).")
    int maxDepth;

    @Option(names = "--eta", defaultValue = "0.1", description = "Learning rate (default ${DEFAULT-VALUE}).")
    double eta;

    @Option(names = "--subsample", defaultValue = "0.8",
            description = "Examples per tree (default ${DEFAULT-VALUE}).")
    double subsample;

    @Option(names = "--ease-max-items", defaultValue = "3000", paramLabel = "N",
            description = "EASE neighbour table over at most the N most engaged items; memory 16·N² bytes, time"
                    + " about N³/3 multiply-adds; 0 builds none (default ${DEFAULT-VALUE}).")
    int easeMaxItems;

    @Option(names = "--ease-lambda", defaultValue = "250",
            description = "EASE L2 regularization λ (default ${DEFAULT-VALUE}).")
    double easeLambda;

    /** Whether the flags make sense; says why not on {@code err}. */
    boolean valid(java.io.PrintWriter err) {
        String problem = problem();
        if (problem != null) {
            err.println(problem);
        }
        return problem == null;
    }

    /** What is wrong with the flags, or null. */
    private String problem() {
        if (easeMaxItems < 0 || !(easeLambda > 0) || Double.isInfinite(easeLambda)) {
            return "--ease-max-items must be at least 0 and --ease-lambda a finite number above 0";
        }
        if (maxExamples < 1 || trees < 1 || maxDepth < 1 || !(eta > 0) || !(subsample > 0) || subsample > 1) {
            return "--max-examples, --trees and --max-depth must be at least 1, --eta above 0, --subsample in (0, 1]";
        }
        return null;
    }

    /** The training options of these flags, seeded like {@code examples}. */
    TrainingOptions options(ExampleOptions examples) {
        TrainingOptions defaults = TrainingOptions.defaults(examples);
        TrainerParameters ranker = defaults.ranker()
                .withTrees(trees)
                .withMaxDepth(maxDepth)
                .withEta(eta)
                .withSubsample(subsample);
        return defaults.withRanker(ranker)
                .withMaxExamples(maxExamples)
                .withEase(EaseSettings.defaults().withMaxItems(easeMaxItems).withLambda(easeLambda));
    }
}
