package io.vitrine.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import io.quarkus.arc.Unremovable;
import io.quarkus.arc.properties.IfBuildProperty;
import io.vitrine.catalog.Item;
import io.vitrine.config.VitrineConfig;
import io.vitrine.event.EventPolicy;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.model.BundleManifest;
import io.vitrine.pipeline.PipelineSettings;
import io.vitrine.port.ObjectStore;
import io.vitrine.storage.ObjectStoreFactory;
import io.vitrine.train.EventFileScan;
import io.vitrine.train.ExampleOptions;
import io.vitrine.train.TrainingPipeline;
import io.vitrine.wire.EventValidator;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    TrainingFlags training;

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

    @Inject
    PipelineSettings pipeline;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!training.valid(err)) {
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
        ExampleOptions.Mode mode = training.mode() == ExampleOptions.Mode.IMPRESSIONS
                && scan.suggestedMode() != ExampleOptions.Mode.IMPRESSIONS ? scan.suggestedMode() : training.mode();
        ExampleOptions options = ExampleOptions.defaults(mode, split)
                .withAttributionWindow(attributionWindow)
                .withSeed(seed);
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
            result = new TrainingPipeline(settings, pipeline, training.options(options)).run(catalog, files::replay,
                    bar::stepTo);
        }
        TrainingReports.print(out, result.report());
        if (noPublish) {
            return 0;
        }
        String uri = modelUri != null ? modelUri : config.model().uri();
        try (ObjectStore store = stores.open(uri)) {
            BundleManifest manifest = result.publish(store, clock);
            out.printf("published bundle %s to %s (LATEST updated)%n", manifest.version(), store.location());
        }
        return 0;
    }
}
