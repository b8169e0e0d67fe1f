package io.vitrine.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import io.quarkus.arc.Unremovable;
import io.vitrine.catalog.Item;
import io.vitrine.catalog.ItemValidator;
import io.vitrine.event.Event;
import io.vitrine.event.EventPolicy;
import io.vitrine.event.EventValidator;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.files.DataFiles;
import io.vitrine.recall.AlsSettings;
import io.vitrine.train.EvaluationData;
import io.vitrine.train.ExampleOptions;
import io.vitrine.train.MovieLens;
import io.vitrine.train.PipelineEvaluation;
import io.vitrine.train.TemporalSplit;
import io.vitrine.train.TopKMetrics;
import io.vitrine.train.TrainerParameters;
import io.vitrine.train.TrainingPipeline;
import io.vitrine.validation.FieldViolation;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate}: offline top-K evaluation of the whole pipeline, with MostPop beside it. */
@Dependent
@Unremovable
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Offline top-K evaluation of recall, rank and re-rank under a stated protocol, next to the"
                + " same pipeline without the model and MostPop: HR, NDCG, precision and recall at K, catalog coverage,"
                + " intra-list category diversity.",
                "Either a temporal split of an events file (--events, --items) or MovieLens 100K (--movielens DIR)."})
public class EvaluateCommand implements Callable<Integer> {

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
            mode = ExampleOptions.Mode.SAMPLED_NEGATIVES;
        } else {
            if (items == null || !Files.isReadable(items) || !Files.isReadable(dataset.events)) {
                err.println("--events needs readable --events and --items files");
                return 2;
            }
            List<Item> catalog = new ArrayList<>();
            DataFiles.items(items).forEach(line -> {
                if (line.value() != null) {
                    Item item = ItemValidator.validate(line.value(), new ArrayList<>());
                    if (item != null) {
                        catalog.add(item);
                    }
                }
            });
            EventValidator validator = new EventValidator(policy.forHistoricalImport());
            Instant now = Instant.now();
            Instant[] range = {null, null};
            boolean[] impressions = {false};
            DataFiles.events(dataset.events).forEach(line -> {
                Event e = line.value() == null ? null : validator.validate(line.value(), now, new ArrayList<>());
                if (e != null) {
                    range[0] = range[0] == null ? e.timestamp() : range[0];
                    range[1] = e.timestamp();
                    impressions[0] |= e.type() == io.vitrine.event.EventType.IMPRESSION;
                }
            });
            if (range[0] == null) {
                err.println("the events file has no valid events");
                return 1;
            }
            Duration span = Duration.between(range[0], range[1]);
            Instant split = range[1].minus(Duration.ofMillis((long) (span.toMillis() * testFraction)));
            validationFrom = split.minus(Duration.ofMillis((long) (span.toMillis() * testFraction)));
            data = new TemporalSplit(catalog, sink -> DataFiles.events(dataset.events).forEach(line -> {
                List<FieldViolation> ignored = new ArrayList<>();
                Event e = line.value() == null ? null : validator.validate(line.value(), now, ignored);
                if (e != null) {
                    sink.accept(e);
                }
            }), split);
            mode = impressions[0] ? ExampleOptions.Mode.IMPRESSIONS : ExampleOptions.Mode.SAMPLED_NEGATIVES;
        }
        ExampleOptions options = new ExampleOptions(mode, Duration.ofMinutes(30), 4, 1.0, validationFrom, 100, 1000,
                seed);
        TrainerParameters parameters = new TrainerParameters(80, 6, 0.1, 0.8, 0.8, 1, 1, 0,
                Runtime.getRuntime().availableProcessors(), seed);
        PipelineEvaluation evaluation = new PipelineEvaluation(settings, new TrainingPipeline(settings, options,
                parameters, 1_000_000, 250_000, AlsSettings.defaults().withSeed(seed)), k,
                maxPerCategory != null ? maxPerCategory : dataset.movielens != null ? k : 4);
        PipelineEvaluation.Report report = evaluation.run(data);
        out.println("protocol: " + data.protocol());
        out.printf("pipeline: recall item_cf %d + embedding %d + popular %d (at most %d candidates), XGBoost ranker"
                + " (%s examples), category diversity; seed %d%n", PipelineEvaluation.QUOTAS.get("item_cf"),
                PipelineEvaluation.QUOTAS.get("embedding"), PipelineEvaluation.QUOTAS.get("popular"),
                PipelineEvaluation.MAX_CANDIDATES, mode, seed);
        out.printf("%-22s %7s %7s %7s %7s %9s %9s%n", "K=" + k + ", users " + report.pipeline().users(), "NDCG",
                "HR", "P", "R", "coverage", "diversity");
        row(out, "pipeline", report.pipeline());
        row(out, "recall only (no model)", report.recallOnly());
        row(out, "MostPop", report.mostPopular());
        return 0;
    }

    private static void row(PrintWriter out, String name, TopKMetrics.Result m) {
        out.printf("%-22s %7.4f %7.4f %7.4f %7.4f %9.3f %9.3f%n", name, m.ndcg(), m.hitRate(), m.precision(),
                m.recall(), m.coverage(), m.diversity());
    }
}
