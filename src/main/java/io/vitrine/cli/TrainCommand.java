package io.vitrine.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import io.quarkus.arc.Unremovable;
import io.quarkus.arc.properties.IfBuildProperty;
import io.vitrine.catalog.Item;
import io.vitrine.config.VitrineConfig;
import io.vitrine.event.EventPolicy;
import io.vitrine.event.EventValidator;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.model.BundleManifest;
import io.vitrine.model.BundlePublisher;
import io.vitrine.recall.AlsSettings;
import io.vitrine.recall.EaseSettings;
import io.vitrine.storage.ObjectStore;
import io.vitrine.storage.ObjectStoreFactory;
import io.vitrine.train.BundleDraft;
import io.vitrine.train.EventFileScan;
import io.vitrine.train.ExampleOptions;
import io.vitrine.train.TrainerParameters;
import io.vitrine.train.TrainingPipeline;
import io.vitrine.train.TrainingReport;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: builds point-in-time examples from an events file, trains the ranker and reports its metrics. */
@Dependent
@Unremovable
@IfBuildProperty(name = JobCommand.BUILD_PROPERTY, stringValue = "true", enableIfMissing = true)
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the ranker from historical events (time-ordered CSV or JSON Lines) and a catalog.",
                "Events are replayed through the online feature code; each example sees only earlier events. The last"
                        + " --validation-fraction of the time range is held out for AUC, log-loss and top-10 metrics"
                        + " against MostPop."})
public class TrainCommand implements JobCommand {

    @Option(names = "--events", required = true, paramLabel = "FILE", description = "Events, sorted by timestamp.")
    Path events;

    @Option(names = "--items", required = true, paramLabel = "FILE", description = "Items (the catalog).")
    Path items;

    @Option(names = "--model-uri", paramLabel = "URI",
            description = "Where to publish the bundle: file:DIR or s3://bucket/prefix (default: vitrine.model.uri).")
    String modelUri;

    @Option(names = "--no-publish", description = "Train and report only; publish nothing.")
    boolean noPublish;

    @Option(names = "--validation-fraction", defaultValue = "0.2",
            description = "Share of the time range held out (default ${DEFAULT-VALUE}).")
    double validationFraction;

    @Option(names = "--attribution-window", defaultValue = "PT30M",
            description = "How long after an impression a click counts for it (default ${DEFAULT-VALUE}).")
    Duration attributionWindow;

    @Option(names = "--negative-keep-rate", defaultValue = "1.0",
            description = "Share of ignored impressions kept as examples, to bound memory (default ${DEFAULT-VALUE}).")
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

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--ease-max-items", defaultValue = "3000", paramLabel = "N",
            description = "EASE neighbour table over at most the N most engaged items; memory 16·N² bytes, time"
                    + " about N³/3 multiply-adds; 0 builds none (default ${DEFAULT-VALUE}).")
    int easeMaxItems;

    @Option(names = "--ease-lambda", defaultValue = "250",
            description = "EASE L2 regularization λ (default ${DEFAULT-VALUE}).")
    double easeLambda;

    @Spec
    CommandSpec spec;

    @Inject
    FeatureSettings settings;

    @Inject
    EventPolicy policy;

    @Inject
    Clock clock;

    @Inject
    VitrineConfig config;

    @Inject
    ObjectStoreFactory stores;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (easeMaxItems < 0 || !(easeLambda > 0) || Double.isInfinite(easeLambda)) {
            err.println("--ease-max-items must be at least 0 and --ease-lambda a finite number above 0");
            return 2;
        }
        for (Path p : new Path[]{events, items}) {
            if (!Files.isReadable(p)) {
                err.println("Cannot read " + p);
                return 2;
            }
        }
        if (validationFraction <= 0 || validationFraction >= 1) {
            err.println("--validation-fraction must be between 0 and 1");
            return 2;
        }
        EventValidator validator = new EventValidator(policy.forHistoricalImport());
        Instant now = clock.instant();
        HistoryFiles files = new HistoryFiles(items, events, validator, now);
        List<Item> catalog = files.catalog(err);
        if (catalog == null) {
            return 1;
        }
        EventFileScan scan = files.scan(err);
        if (scan == null) {
            return 1;
        }
        Instant split = scan.splitAt(validationFraction);
        ExampleOptions options = new ExampleOptions(scan.suggestedMode(), attributionWindow, 4, negativeKeepRate,
                split, 100, 2000, seed);
        TrainerParameters parameters = new TrainerParameters(trees, maxDepth, eta, subsample, 0.8, 1, 1, 0,
                Runtime.getRuntime().availableProcessors(), seed);
        out.printf("events: %d from %s to %s; examples: %s; validation from %s%n", scan.events(), scan.first(),
                scan.last(), options.mode(), split);

        TrainingPipeline.Result result;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("replay")
                .setInitialMax(scan.events())
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUnit(" events", 1)
                .showSpeed()
                .build()) {
            result = new TrainingPipeline(settings, options, parameters, maxExamples,
                    Math.max(1, maxExamples / 4), AlsSettings.defaults().withSeed(seed),
                    EaseSettings.defaults().withMaxItems(easeMaxItems).withLambda(easeLambda)).run(catalog,
                            files::replay, bar::stepTo);
        }
        print(out, result.report());
        if (noPublish) {
            return 0;
        }
        String uri = modelUri != null ? modelUri : config.model().uri();
        try (ObjectStore store = stores.open(uri)) {
            BundleManifest manifest = new BundlePublisher(store, clock).publish(result.model(), result.tables(),
                    BundleDraft.of(result, settings, parameters, options));
            out.printf("published bundle %s to %s (LATEST updated)%n", manifest.version(), store.location());
        }
        return 0;
    }

    private static void print(PrintWriter out, TrainingReport r) {
        out.printf("examples: %d built before the split, %d trained on (%d engaged), %d validation; XGBoost trained"
                + " in %.1f s%n", r.builtTrainExamples(), r.trainExamples(), r.trainPositives(),
                r.validationExamples(), r.trainingSeconds());
        out.printf("validation: AUC %.4f, log-loss %.4f; recall tables built in %.1f s%n", r.auc(), r.logLoss(),
                r.recallSeconds());
        out.printf("top-%d over %d cases (engaged item among %d sampled candidates):%n", TrainingPipeline.K,
                r.model().cases(), 100);
        out.printf("  model    NDCG@10 %.4f  HR@10 %.4f%n", r.model().ndcg(), r.model().hitRate());
        out.printf("  MostPop  NDCG@10 %.4f  HR@10 %.4f%n", r.mostPopular().ndcg(), r.mostPopular().hitRate());
        out.println("feature importance (gain):");
        for (Map.Entry<String, Double> e : r.featureImportance().entrySet()) {
            out.printf("  %-24s %10.2f%n", e.getKey(), e.getValue());
        }
    }

}
