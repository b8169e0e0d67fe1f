package io.vitrine.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import io.quarkus.arc.Unremovable;
import io.quarkus.arc.properties.IfBuildProperty;
import io.vitrine.catalog.Item;
import io.vitrine.event.Event;
import io.vitrine.event.EventPolicy;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.pipeline.PipelineParameters;
import io.vitrine.pipeline.PipelineSettings;
import io.vitrine.train.EvaluationData;
import io.vitrine.train.EventFileScan;
import io.vitrine.train.ExampleOptions;
import io.vitrine.train.MovieLens;
import io.vitrine.train.PipelineEvaluation;
import io.vitrine.train.TaobaoUserBehavior;
import io.vitrine.train.TemporalSplit;
import io.vitrine.train.TopKMetrics;
import io.vitrine.train.TrainingPipeline;
import io.vitrine.wire.EventValidator;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
                "A temporal split of an events file (--events, --items), MovieLens 100K (--movielens DIR) or Taobao"
                        + " UserBehavior (--taobao DIR)."})
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

    @Option(names = "--recent-items", paramLabel = "N",
            description = "Recent items kept per user (default: vitrine.features.recent-items-cap, 50): the history the"
                    + " item-to-item sources are seeded from. MovieLens users rate 80 movies on average; the README's"
                    + " MovieLens figures use 200.")
    Integer recentItems;

    @Option(names = "--set", paramLabel = "NAME=VALUE",
            description = "Change a pipeline parameter for this evaluation, by its one name (as in"
                    + " vitrine.recommend.NAME and experiment params), e.g. --set rank.recall-weight=20; repeatable."
                    + " Without it the served pipeline is evaluated, with exploration off and, on MovieLens, no"
                    + " category limit (genres are not a shopping constraint).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    TrainingFlags training;

    @Spec
    CommandSpec spec;

    @Inject
    PipelineSettings served;

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

        @Option(names = "--taobao", paramLabel = "DIR",
                description = "A Taobao UserBehavior folder (UserBehavior.csv), e.g. a head sample of the file.")
        Path taobao;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!training.valid(err)) {
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
        ExampleOptions.Mode chosen = training.mode();
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
            mode = chosen == ExampleOptions.Mode.IMPRESSIONS ? ExampleOptions.Mode.SAMPLED_NEGATIVES : chosen;
        } else if (dataset.taobao != null) {
            if (!Files.isRegularFile(dataset.taobao.resolve(TaobaoUserBehavior.FILE))) {
                err.println("No " + TaobaoUserBehavior.FILE + " in " + dataset.taobao);
                return 2;
            }
            TaobaoUserBehavior taobao = TaobaoUserBehavior.load(dataset.taobao);
            // The ranker's labels: the day before the test day.
            validationFrom = TaobaoUserBehavior.SPLIT.minus(Duration.ofDays(1));
            data = taobao;
            mode = chosen == ExampleOptions.Mode.IMPRESSIONS ? ExampleOptions.Mode.SAMPLED_NEGATIVES : chosen;
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
            mode = chosen == ExampleOptions.Mode.IMPRESSIONS ? scan.suggestedMode() : chosen;
        }
        // Offline, exploration is off (lists comparable with MostPop and reproducible); MovieLens genres are no
        // shopping constraint, so no category limit there. Both are printed below, and --set changes them.
        Map<String, String> evaluated = new LinkedHashMap<>();
        evaluated.put("rerank.exploration.epsilon", "0");
        if (dataset.movielens != null) {
            evaluated.put("rerank.diversity.max-per-category", Integer.toString(k));
        }
        evaluated.putAll(overrides);
        PipelineSettings pipeline;
        try {
            pipeline = PipelineParameters.apply(served, evaluated);
        } catch (IllegalArgumentException e) {
            err.println("--set: " + e.getMessage());
            return 2;
        }
        ExampleOptions options = ExampleOptions.defaults(mode, validationFrom).withSeed(seed);
        if (dataset.movielens != null && mode == ExampleOptions.Mode.CANDIDATES) {
            // A random split: labels are a random fifth of each user's training ratings, and the examples' requests
            // exclude the user's history as the protocol's requests do.
            options = options.withRandomHoldout(0.2).withExcludeHistory(true);
        }
        PipelineEvaluation evaluation = new PipelineEvaluation(settings, pipeline,
                new TrainingPipeline(settings, pipeline, training.options(options)), k);
        PipelineEvaluation.Report report = evaluation.run(data);
        out.println("protocol: " + data.protocol());
        out.printf("pipeline: the served one (vitrine.recommend.*), sources %s, XGBoost ranker (%s examples); seed"
                + " %d%n", String.join(" + ", quotas(pipeline)), mode, seed);
        List<String> changed = PipelineParameters.differences(served, pipeline);
        out.println("  changed for this evaluation: " + (changed.isEmpty()
                ? "nothing"
                : changed.stream()
                        .map(n -> n + "=" + PipelineParameters.valueOf(pipeline, n))
                        .collect(Collectors.joining(", "))));
        out.printf("features: recent items %d, half-lives affinity %s, popularity %s, trending %s"
                + " (vitrine.features.*)%n", settings.recentItemsCap(), settings.affinityHalfLife(),
                settings.popularityHalfLife(), settings.trendingHalfLife());
        out.printf("%-22s %7s %7s %7s %7s %9s %9s%n", "K=" + k + ", users " + report.pipeline().users(), "NDCG",
                "HR", "P", "R", "coverage", "diversity");
        row(out, "pipeline", report.pipeline());
        row(out, "recall only (no model)", report.recallOnly());
        row(out, "MostPop", report.mostPopular());
        out.println("ranker, as trained on the training part:");
        TrainingReports.print(out, report.training());
        return 0;
    }

    /** {@code name quota} of each enabled source, in run order. */
    private static List<String> quotas(PipelineSettings pipeline) {
        List<String> out = new ArrayList<>();
        for (String source : PipelineSettings.SOURCES) {
            PipelineSettings.Source s = pipeline.recall().source(source);
            if (s.enabled()) {
                out.add(source + " " + s.quota() + (s.weight() == 1 ? "" : " (weight " + format(s.weight()) + ")"));
            }
        }
        return out;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static void row(PrintWriter out, String name, TopKMetrics.Result m) {
        out.printf("%-22s %7.4f %7.4f %7.4f %7.4f %9.3f %9.3f%n", name, m.ndcg(), m.hitRate(), m.precision(),
                m.recall(), m.coverage(), m.diversity());
    }
}
