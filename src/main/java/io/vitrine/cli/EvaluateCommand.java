package io.vitrine.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import io.quarkus.arc.Unremovable;
import io.quarkus.arc.properties.IfBuildProperty;
import io.vitrine.catalog.Item;
import io.vitrine.event.Event;
import io.vitrine.event.EventPolicy;
import io.vitrine.event.EventValidator;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.recall.AlsSettings;
import io.vitrine.train.EvaluationData;
import io.vitrine.train.EventFileScan;
import io.vitrine.train.ExampleOptions;
import io.vitrine.train.MovieLens;
import io.vitrine.train.PipelineEvaluation;
import io.vitrine.train.TemporalSplit;
import io.vitrine.train.TopKMetrics;
import io.vitrine.train.TrainerParameters;
import io.vitrine.train.TrainingPipeline;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate}: offline top-K evaluation of the whole pipeline, with MostPop beside it. */
@Dependent
@Unremovable
@IfBuildProperty(name = JobCommand.BUILD_PROPERTY, stringValue = "true", enableIfMissing = true)
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Offline top-K evaluation of recall, rank and re-rank under a stated protocol, next to the"
                + " same pipeline without the model and MostPop: HR, NDCG, precision and recall at K, catalog coverage,"
                + " intra-list category diversity.",
                "Either a temporal split of an events file (--events, --items) or MovieLens 100K (--movielens DIR)."})
public class EvaluateCommand implements JobCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Dataset dataset;

    @Option(names = "--items", paramLabel = "FILE", description = "Items, with --events.")
    Path items;

    @Option(names = "--test-fraction", defaultValue = "0.2",
            description = "With --events: share of the time range held out (default ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--k", defaultValue = "10", description = "List length (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--max-per-category", paramLabel = "N",
            description = "Diversity: most items of one category in the top K (default: 4 with --events, K with"
                    + " --movielens, whose genres are not a shopping constraint).")
    Integer maxPerCategory;

    @Option(names = "--negatives", paramLabel = "uniform|recall", defaultValue = "uniform",
            description = "Data without impressions (MovieLens): training negatives drawn uniformly from the catalog"
                    + " or from the user's recall candidates as of each rating (default ${DEFAULT-VALUE}).")
    String negatives;

    @Option(names = "--recent-items", paramLabel = "N",
            description = "Recent items kept per user (default: vitrine.features.recent-items-cap, 50): the history the"
                    + " item-to-item sources are seeded from. MovieLens users rate 80 movies on average; the README's"
                    + " MovieLens figures use 200.")
    Integer recentItems;

    @Option(names = "--recall-weight", paramLabel = "W", defaultValue = "0",
            description = "Blend the model's order with the recall order: score 1/(60 + model rank) + W/(60 + recall"
                    + " rank); 0 ranks by the model alone (default ${DEFAULT-VALUE}).")
    double recallWeight;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Inject
    FeatureSettings settings;

    @Inject
    EventPolicy policy;

    /** The dataset: one of the two. */
    static class Dataset {
        @Option(names = "--events", paramLabel = "FILE", description = "Events (time-ordered CSV or JSON Lines).")
        Path events;

        @Option(names = "--movielens", paramLabel = "DIR", description = "An ml-100k folder (u.data, u.item).")
        Path movielens;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(recallWeight >= 0) || Double.isInfinite(recallWeight)) {
            err.println("--recall-weight must be a finite number of at least 0");
            return 2;
        }
        if (recentItems != null && recentItems < 1) {
            err.println("--recent-items must be at least 1");
            return 2;
        }
        FeatureSettings settings = recentItems == null
                ? this.settings
                : new FeatureSettings(recentItems, this.settings.affinityHalfLife(),
                        this.settings.popularityHalfLife(), this.settings.trendingHalfLife(),
                        this.settings.ctrPriorImpressions(), this.settings.ctrPriorMean());
        ExampleOptions.Mode drawn = negativesMode();
        if (drawn == null) {
            err.println("--negatives must be uniform or recall");
            return 2;
        }
        EvaluationData data;
        ExampleOptions.Mode mode;
        Instant validationFrom;
        if (dataset.movielens != null) {
            if (!Files.isRegularFile(dataset.movielens.resolve("u.data"))) {
                err.println("No MovieLens 100K (u.data) in " + dataset.movielens);
                return 2;
            }
            MovieLens movieLens = MovieLens.load(dataset.movielens, seed);
            List<Event> train = movieLens.train();
            Instant first = train.get(0).timestamp();
            Instant last = train.get(train.size() - 1).timestamp();
            validationFrom = last.minus(Duration.between(first, last).dividedBy(5));
            data = movieLens;
            mode = drawn;
        } else {
            if (items == null || !Files.isReadable(items) || !Files.isReadable(dataset.events)) {
                err.println("--events needs readable --events and --items files");
                return 2;
            }
            HistoryFiles files = new HistoryFiles(items, dataset.events,
                    new EventValidator(policy.forHistoricalImport()), Instant.now());
            List<Item> catalog = files.catalog(err);
            EventFileScan scan = catalog == null ? null : files.scan(err);
            if (scan == null) {
                return 1;
            }
            Instant split = scan.splitAt(testFraction);
            validationFrom = split.minus(Duration.between(split, scan.last()));
            data = new TemporalSplit(catalog, files::replay, split);
            mode = scan.suggestedMode();
            if (mode.drawsNegatives()) {
                mode = drawn;
            }
        }
        ExampleOptions options = new ExampleOptions(mode, Duration.ofMinutes(30), 4, 1.0, validationFrom, 100, 1000,
                seed);
        TrainerParameters parameters = new TrainerParameters(80, 6, 0.1, 0.8, 0.8, 1, 1, 0,
                Runtime.getRuntime().availableProcessors(), seed);
        PipelineEvaluation evaluation = new PipelineEvaluation(settings, new TrainingPipeline(settings, options,
                parameters, 1_000_000, 250_000, AlsSettings.defaults().withSeed(seed)), k,
                maxPerCategory != null ? maxPerCategory : dataset.movielens != null ? k : 4, recallWeight);
        PipelineEvaluation.Report report = evaluation.run(data);
        out.println("protocol: " + data.protocol());
        out.printf("pipeline: recall ease %d + item_cf %d + embedding %d + popular %d (at most %d candidates),"
                + " XGBoost ranker (%s examples, recall weight %s), category diversity; seed %d%n",
                PipelineEvaluation.QUOTAS.get("ease"),
                PipelineEvaluation.QUOTAS.get("item_cf"),
                PipelineEvaluation.QUOTAS.get("embedding"), PipelineEvaluation.QUOTAS.get("popular"),
                PipelineEvaluation.MAX_CANDIDATES, mode, recallWeight, seed);
        out.printf("features: recent items %d, half-lives affinity %s, popularity %s, trending %s"
                + " (vitrine.features.*)%n", settings.recentItemsCap(), settings.affinityHalfLife(),
                settings.popularityHalfLife(), settings.trendingHalfLife());
        out.printf("%-22s %7s %7s %7s %7s %9s %9s%n", "K=" + k + ", users " + report.pipeline().users(), "NDCG",
                "HR", "P", "R", "coverage", "diversity");
        row(out, "pipeline", report.pipeline());
        row(out, "recall only (no model)", report.recallOnly());
        row(out, "MostPop", report.mostPopular());
        return 0;
    }

    private ExampleOptions.Mode negativesMode() {
        return switch (negatives) {
            case "uniform" -> ExampleOptions.Mode.SAMPLED_NEGATIVES;
            case "recall" -> ExampleOptions.Mode.RECALL_NEGATIVES;
            default -> null;
        };
    }

    private static void row(PrintWriter out, String name, TopKMetrics.Result m) {
        out.printf("%-22s %7.4f %7.4f %7.4f %7.4f %9.3f %9.3f%n", name, m.ndcg(), m.hitRate(), m.precision(),
                m.recall(), m.coverage(), m.diversity());
    }
}
