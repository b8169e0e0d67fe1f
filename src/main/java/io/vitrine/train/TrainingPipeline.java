package io.vitrine.train;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.tribuo.Model;
import org.tribuo.classification.Label;

import io.vitrine.catalog.Item;
import io.vitrine.event.Event;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.memory.InMemoryFeatureStore;
import io.vitrine.model.BundleManifest;
import io.vitrine.model.BundlePublisher;
import io.vitrine.pipeline.Pipeline;
import io.vitrine.pipeline.PipelineSettings;
import io.vitrine.port.ObjectStore;
import io.vitrine.rank.TribuoRanker;
import io.vitrine.recall.Candidate;
import io.vitrine.recall.RecallTables;

/**
 * One training run: replay events into point-in-time examples, split them by time, train the ranker on the earlier part
 * and measure it on the later part (AUC, log-loss, and top-10 ranking of engaged items among sampled candidates next to
 * MostPop), and build the recall tables. {@link Result#publish} publishes the outcome as a bundle.
 */
public final class TrainingPipeline {
    /** Cut-off of the ranking metrics. */
    public static final int K = 10;
    /** Progress is reported every this many replayed events. */
    private static final int PROGRESS_EVERY = 10_000;

    private final FeatureSettings settings;
    private final PipelineSettings pipeline;
    private final TrainingOptions options;

    /**
     * @param pipeline the served pipeline, whose recall plan draws the candidates of
     *            {@link ExampleOptions.Mode#RECALL_NEGATIVES}
     */
    public TrainingPipeline(FeatureSettings settings, PipelineSettings pipeline, TrainingOptions options) {
        this.settings = settings;
        this.pipeline = pipeline;
        this.options = options;
    }

    /**
     * Runs the pipeline.
     *
     * @param items the catalog
     * @param events calls its argument with every event, in time order (twice with
     *            {@link ExampleOptions.Mode#RECALL_NEGATIVES}: the recall tables are built before the examples)
     * @param progress called with the number of events replayed so far (over all replays), every 10,000 events and at
     *            the end
     */
    public Result run(Collection<Item> items, Consumer<Consumer<Event>> events, LongConsumer progress) {
        return options.examples().mode() == ExampleOptions.Mode.CANDIDATES
                ? runOnCandidates(items, events, progress)
                : runOnReplayedExamples(items, events, progress);
    }

    /** The default: the ranker learns to order the served recall plan's candidates ({@link CandidateExamples}). */
    private Result runOnCandidates(Collection<Item> items, Consumer<Consumer<Event>> events, LongConsumer progress) {
        ExampleOptions examples = options.examples();
        CandidateExamples candidates = new CandidateExamples(settings, pipeline, options, items);
        long[] replayed = {0};
        events.accept(counted(candidates::accept, replayed, progress));
        progress.accept(replayed[0]);
        Reservoir<TrainingExample> trainSample = new Reservoir<>(options.maxExamples(), examples.seed());
        Reservoir<TrainingExample> validationSample = new Reservoir<>(options.maxValidationExamples(),
                examples.seed() + 1);
        CandidateExamples.Built built = candidates.build(trainSample::add, validationSample::add);
        long recallStart = System.nanoTime();
        RecallTables tables = candidates.servedTables();
        double recallSeconds = built.recallSeconds() + (System.nanoTime() - recallStart) / 1e9;
        List<TrainingExample> validation = validationSample.sample();
        Trained trained = train(trainSample, validation);
        long trainPositives = trained.train().stream().filter(TrainingExample::engaged).count();
        return measured(trained.model(), trained.seconds(), trainSample.seen(), trained.train().size(), trainPositives,
                validation, built.lists(),
                built.popularity(), items.size(), built.positives(), built.recalledPositives(), recallSeconds, tables,
                new Replay(candidates.state(), candidates.eventCount(), candidates.firstEventTime(),
                        candidates.lastEventTime()),
                settings, options);
    }

    /**
     * The outcome of a {@link ExampleOptions.Mode#CANDIDATES} run from a trained model: measures it on the validation
     * examples (AUC, log-loss, calibration) and on the validation users' candidate lists (top-{@value #K} of the
     * model's order next to the recall order and MostPop). The single-JVM run ends here, and so does the Spark trainer
     * (module {@code spark/}), so both report and publish alike.
     *
     * @param builtExamples training examples built (before any sampling)
     * @param lists the validation users' candidate lists
     * @param popularity engagements per item in the history (MostPop)
     * @param labels held-out engagements (distinct per user)
     * @param recalledLabels of those, how many the recall plan produced as candidates
     * @param tables the recall tables the bundle serves with (of every event)
     */
    public static Result measured(Model<Label> model, double trainSeconds, long builtExamples, long trainExamples,
            long trainPositives, List<TrainingExample> validation, List<CandidateRecall.UserList> lists,
            Map<String, Long> popularity, int catalogSize, long labels, long recalledLabels, double recallSeconds,
            RecallTables tables, Replay replay, FeatureSettings settings, TrainingOptions options) {
        // AUC and calibration need validation examples (Tribuo's AUC fails on none with an index error).
        requireValidation(validation);
        TribuoRanker ranker = new TribuoRanker(model);
        TopKMetrics byModel = new TopKMetrics(K, catalogSize);
        TopKMetrics recallOrder = new TopKMetrics(K, catalogSize);
        TopKMetrics mostPop = new TopKMetrics(K, catalogSize);
        for (CandidateRecall.UserList list : lists) {
            List<String> ids = list.itemIds();
            double[] scores = list.vectors().isEmpty() ? new double[0] : ranker.score(list.vectors());
            byModel.add(order(ids, i -> scores[i]), noCategories(ids), list.relevant());
            recallOrder.add(ids, noCategories(ids), list.relevant());
            mostPop.add(order(ids, i -> popularity.getOrDefault(ids.get(i), 0L)), noCategories(ids),
                    list.relevant());
        }
        boolean[] engaged = new boolean[validation.size()];
        List<double[]> vectors = new ArrayList<>(validation.size());
        for (int i = 0; i < validation.size(); i++) {
            engaged[i] = validation.get(i).engaged();
            vectors.add(validation.get(i).features());
        }
        double[] scores = ranker.score(vectors);
        TrainingReport report = new TrainingReport(builtExamples, trainExamples, validation.size(), trainPositives,
                RankingMetrics.auc(engaged, scores), RankingMetrics.logLoss(engaged, scores), topK(byModel.result()),
                topK(recallOrder.result()), topK(mostPop.result()), RankerTrainer.featureImportance(model),
                Calibration.of(engaged, scores), labels, recalledLabels, trainSeconds, recallSeconds);
        return new Result(model, tables, report, replay, validation, settings, options);
    }

    /**
     * The older modes: examples replayed from impressions or engagements with drawn negatives ({@link ExampleBuilder}).
     */
    private Result runOnReplayedExamples(Collection<Item> items, Consumer<Consumer<Event>> events,
            LongConsumer progress) {
        ExampleOptions examples = options.examples();
        Reservoir<TrainingExample> trainSample = new Reservoir<>(options.maxExamples(), examples.seed());
        Reservoir<TrainingExample> validationSample = new Reservoir<>(options.maxValidationExamples(),
                examples.seed() + 1);
        long validationFrom = examples.validationFrom().toEpochMilli();
        Consumer<TrainingExample> sink = e -> (e.atMillis() < validationFrom ? trainSample : validationSample).add(e);
        RecallTableTrainer recall = new RecallTableTrainer(items, settings.popularityHalfLife(), options.als(),
                options.ease());
        long[] replayed = {0};
        ExampleBuilder builder;
        RecallTables tables = null;
        double recallSeconds = 0;
        if (examples.mode() == ExampleOptions.Mode.RECALL_NEGATIVES) {
            // Two replays: the recall tables first, then the examples, with negatives drawn from recall candidates.
            events.accept(counted(recall::accept, replayed, progress));
            long recallStart = System.nanoTime();
            tables = recall.build();
            recallSeconds = (System.nanoTime() - recallStart) / 1e9;
            InMemoryFeatureStore state = new InMemoryFeatureStore(settings);
            Pipeline candidates = Pipeline.of(pipeline, tables, null, ReplayLookups.of(state, settings));
            builder = new ExampleBuilder(settings, items, examples, state,
                    context -> candidates.recall(context).stream().map(Candidate::itemId).toList(), sink);
            events.accept(counted(builder::accept, replayed, progress));
        } else {
            builder = new ExampleBuilder(settings, items, examples, sink);
            ExampleBuilder replay = builder;
            events.accept(counted(e -> {
                replay.accept(e);
                recall.accept(e);
            }, replayed, progress));
        }
        builder.finish();
        progress.accept(replayed[0]);
        List<TrainingExample> validation = validationSample.sample();
        if (validation.isEmpty()) {
            throw new IllegalArgumentException("no examples at or after the validation split "
                    + examples.validationFrom() + "; use more data or a later split");
        }
        if (tables == null) {
            long recallStart = System.nanoTime();
            tables = recall.build();
            recallSeconds = (System.nanoTime() - recallStart) / 1e9;
        }
        Trained trained = train(trainSample, validation);
        Map<String, Long> popularity = builder.trainPopularity();
        SplittableRandom ties = new SplittableRandom(examples.seed());
        List<Integer> modelRanks = new ArrayList<>();
        List<Integer> popularRanks = new ArrayList<>();
        for (RankingCase c : builder.cases()) {
            modelRanks.add(RankingMetrics.rankOfFirst(trained.ranker().score(c.vectors()), ties));
            double[] pop = new double[c.itemIds().size()];
            for (int i = 0; i < pop.length; i++) {
                pop[i] = popularity.getOrDefault(c.itemIds().get(i), 0L);
            }
            popularRanks.add(RankingMetrics.rankOfFirst(pop, ties));
        }
        TrainingReport report = trained.report(trainSample, RankingMetrics.topK(modelRanks, K), null,
                RankingMetrics.topK(popularRanks, K), 0, 0, recallSeconds);
        return new Result(trained.model(), tables, report, new Replay(builder.store(), builder.eventCount(),
                builder.firstEventTime(), builder.lastEventTime()), validation, settings, options);
    }

    private static void requireValidation(List<TrainingExample> validation) {
        if (validation.isEmpty()) {
            throw new IllegalArgumentException("no validation examples: use more data or another split");
        }
    }

    /** Trains the ranker and measures it on the validation examples. */
    private Trained train(Reservoir<TrainingExample> trainSample, List<TrainingExample> validation) {
        requireValidation(validation);
        List<TrainingExample> train = trainSample.sample();
        long start = System.nanoTime();
        Model<Label> model = new RankerTrainer(options.ranker()).train(train);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Trained(model, new TribuoRanker(model), train, validation, seconds);
    }

    /** A trained model with what measuring it needs. */
    private record Trained(Model<Label> model, TribuoRanker ranker, List<TrainingExample> train,
            List<TrainingExample> validation, double seconds) {

        TrainingReport report(Reservoir<TrainingExample> sample, RankingMetrics.TopK model,
                RankingMetrics.TopK recallOrder, RankingMetrics.TopK mostPopular, long labels, long recalledLabels,
                double recallSeconds) {
            boolean[] engaged = new boolean[validation.size()];
            List<double[]> vectors = new ArrayList<>(validation.size());
            for (int i = 0; i < validation.size(); i++) {
                engaged[i] = validation.get(i).engaged();
                vectors.add(validation.get(i).features());
            }
            double[] scores = ranker.score(vectors);
            long positives = train.stream().filter(TrainingExample::engaged).count();
            return new TrainingReport(sample.seen(), train.size(), validation.size(), positives,
                    RankingMetrics.auc(engaged, scores), RankingMetrics.logLoss(engaged, scores), model, recallOrder,
                    mostPopular, RankerTrainer.featureImportance(this.model), Calibration.of(engaged, scores), labels,
                    recalledLabels, seconds, recallSeconds);
        }
    }

    /** The ids ordered by a score, best first; ties keep the given (recall) order. */
    private static List<String> order(List<String> ids, java.util.function.IntToDoubleFunction score) {
        Integer[] index = new Integer[ids.size()];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        java.util.Arrays.sort(index, (a, b) -> Double.compare(score.applyAsDouble(b), score.applyAsDouble(a)));
        List<String> out = new ArrayList<>(index.length);
        for (int i : index) {
            out.add(ids.get(i));
        }
        return out;
    }

    private static List<String> noCategories(List<String> ids) {
        return java.util.Collections.nCopies(ids.size(), null);
    }

    private static RankingMetrics.TopK topK(TopKMetrics.Result r) {
        return new RankingMetrics.TopK(r.k(), r.users(), r.hitRate(), r.ndcg());
    }

    /** Passes events on, reporting progress every {@value #PROGRESS_EVERY} over all replays. */
    private static Consumer<Event> counted(Consumer<Event> next, long[] replayed, LongConsumer progress) {
        return e -> {
            next.accept(e);
            if (++replayed[0] % PROGRESS_EVERY == 0) {
                progress.accept(replayed[0]);
            }
        };
    }

    /**
     * The outcome of a run.
     *
     * @param model the trained ranker model
     * @param tables the recall tables built from all events (what the bundle serves with)
     * @param report validation metrics
     * @param replay what was replayed
     * @param validation the validation examples (to check a published model against)
     * @param settings the feature definitions the examples were built with
     * @param options how the run was made
     */
    public record Result(Model<Label> model, RecallTables tables, TrainingReport report, Replay replay,
            List<TrainingExample> validation, FeatureSettings settings, TrainingOptions options) {

        /**
         * Publishes the model and tables as a new bundle version and points {@code LATEST} at it: what {@code train}
         * and the dev-mode demo do after training.
         */
        public BundleManifest publish(ObjectStore store, Clock clock) {
            return new BundlePublisher(store, clock).publish(model, tables, BundleDraft.of(this),
                    Map.of(ReportPlot.FILE, ReportPlot.png(report)));
        }
    }

    /**
     * What a run replayed.
     *
     * @param state the feature state the examples were read from (with recall candidates: as of the end of the history)
     * @param events how many events were replayed
     * @param firstEvent the time of the first, if any
     * @param lastEvent the time of the last, if any
     */
    public record Replay(InMemoryFeatureStore state, long events, Optional<Instant> firstEvent,
            Optional<Instant> lastEvent) {
    }
}
