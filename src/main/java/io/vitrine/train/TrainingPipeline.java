package io.vitrine.train;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
        List<TrainingExample> train = trainSample.sample();
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
        long start = System.nanoTime();
        Model<Label> model = new RankerTrainer(options.ranker()).train(train);
        double seconds = (System.nanoTime() - start) / 1e9;
        TribuoRanker ranker = new TribuoRanker(model);

        boolean[] engaged = new boolean[validation.size()];
        List<double[]> vectors = new ArrayList<>(validation.size());
        for (int i = 0; i < validation.size(); i++) {
            engaged[i] = validation.get(i).engaged();
            vectors.add(validation.get(i).features());
        }
        double[] scores = ranker.score(vectors);
        double auc = RankingMetrics.auc(engaged, scores);
        double logLoss = RankingMetrics.logLoss(engaged, scores);

        Map<String, Long> popularity = builder.trainPopularity();
        SplittableRandom ties = new SplittableRandom(examples.seed());
        List<Integer> modelRanks = new ArrayList<>();
        List<Integer> popularRanks = new ArrayList<>();
        for (RankingCase c : builder.cases()) {
            modelRanks.add(RankingMetrics.rankOfFirst(ranker.score(c.vectors()), ties));
            double[] pop = new double[c.itemIds().size()];
            for (int i = 0; i < pop.length; i++) {
                pop[i] = popularity.getOrDefault(c.itemIds().get(i), 0L);
            }
            popularRanks.add(RankingMetrics.rankOfFirst(pop, ties));
        }
        long trainPositives = train.stream().filter(TrainingExample::engaged).count();
        TrainingReport report = new TrainingReport(trainSample.seen(), train.size(), validation.size(),
                trainPositives, auc, logLoss,
                RankingMetrics.topK(modelRanks, K), RankingMetrics.topK(popularRanks, K),
                RankerTrainer.featureImportance(model), seconds, recallSeconds);
        return new Result(model, tables, report, builder, validation, settings, options);
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
     * @param tables the recall tables built from all events
     * @param report validation metrics
     * @param builder the replay, for its event counts and time range
     * @param validation the validation examples (to check a published model against)
     * @param settings the feature definitions the examples were built with
     * @param options how the run was made
     */
    public record Result(Model<Label> model, RecallTables tables, TrainingReport report, ExampleBuilder builder,
            List<TrainingExample> validation, FeatureSettings settings, TrainingOptions options) {

        /**
         * Publishes the model and tables as a new bundle version and points {@code LATEST} at it: what {@code train}
         * and the dev-mode demo do after training.
         */
        public BundleManifest publish(ObjectStore store, Clock clock) {
            return new BundlePublisher(store, clock).publish(model, tables, BundleDraft.of(this));
        }
    }
}
