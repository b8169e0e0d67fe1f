package io.vitrine.cli;

import io.vitrine.recall.EaseSettings;
import io.vitrine.train.ExampleOptions;
import io.vitrine.train.TrainerParameters;
import io.vitrine.train.TrainingOptions;

import picocli.CommandLine.Option;

/** The trainer's flags, shared by {@code train} and {@code evaluate} so both train the same way. */
public class TrainingFlags {

    @Option(names = "--examples", paramLabel = "candidates|impressions|sampled|recall-negatives",
            defaultValue = "candidates",
            description = "How the ranker's examples are built: candidates (the default) are the served recall plan's"
                    + " candidates for each user, labelled by the engagements held out after the validation cut;"
                    + " impressions labels each logged impression by a later click; sampled and recall-negatives pair"
                    + " each engagement with uniformly drawn or recall-drawn negatives.")
    String examples;

    @Option(names = "--negative-keep-rate", defaultValue = "1.0",
            description = "Share of negative examples kept (ignored impressions, or candidates the user did not"
                    + " engage with; positives are always kept), to bound memory and training time (default"
                    + " ${DEFAULT-VALUE}).")
    double negativeKeepRate;

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

    /** The example mode of {@code --examples}; {@code impressions} needs impressions in the data. */
    ExampleOptions.Mode mode() {
        return switch (examples) {
            case "candidates" -> ExampleOptions.Mode.CANDIDATES;
            case "impressions" -> ExampleOptions.Mode.IMPRESSIONS;
            case "sampled" -> ExampleOptions.Mode.SAMPLED_NEGATIVES;
            case "recall-negatives" -> ExampleOptions.Mode.RECALL_NEGATIVES;
            default -> throw new IllegalStateException("checked by problem()");
        };
    }

    /** What is wrong with the flags, or null. */
    private String problem() {
        if (!java.util.List.of("candidates", "impressions", "sampled", "recall-negatives").contains(examples)) {
            return "--examples must be candidates, impressions, sampled or recall-negatives";
        }
        if (easeMaxItems < 0 || !(easeLambda > 0) || Double.isInfinite(easeLambda)) {
            return "--ease-max-items must be at least 0 and --ease-lambda a finite number above 0";
        }
        if (!(negativeKeepRate > 0) || negativeKeepRate > 1) {
            return "--negative-keep-rate must be in (0, 1]";
        }
        if (maxExamples < 1 || trees < 1 || maxDepth < 1 || !(eta > 0) || !(subsample > 0) || subsample > 1) {
            return "--max-examples, --trees and --max-depth must be at least 1, --eta above 0, --subsample in (0, 1]";
        }
        return null;
    }

    /** The training options of these flags, seeded like {@code examples}. */
    TrainingOptions options(ExampleOptions examples) {
        TrainingOptions defaults = TrainingOptions.defaults(examples.withNegativeKeepRate(negativeKeepRate));
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
