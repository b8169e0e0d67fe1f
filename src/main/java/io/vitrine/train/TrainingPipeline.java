package io.vitrine.train;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.tribuo.Model;
import org.tribuo.classification.Label;

import io.vitrine.catalog.Item;
import io.vitrine.event.Event;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.rank.TribuoRanker;
import io.vitrine.recall.AlsSettings;
import io.vitrine.recall.EaseSettings;
import io.vitrine.recall.RecallTables;

/**
 * One training run: replay events into point-in-time examples, split them by time, train the ranker on the earlier part
 * and measure it on the later part (AUC, log-loss, and top-10 ranking of engaged items among sampled candidates next to
 * MostPop).
 */
public final class TrainingPipeline {
    /** Cut-off of the ranking metrics. */
    public static final int K = 10;

    private final FeatureSettings settings;
    private final ExampleOptions options;
    private final TrainerParameters parameters;
    private final int maxTrainExamples;
    private final int maxValidationExamples;
    private final AlsSettings alsSettings;
    private final EaseSettings easeSettings;

    /** With the {@link EaseSettings#defaults() default} EASE table. */
    public TrainingPipeline(FeatureSettings settings, ExampleOptions options, TrainerParameters parameters,
            int maxTrainExamples, int maxValidationExamples, AlsSettings alsSettings) {
        this(settings, options, parameters, maxTrainExamples, maxValidationExamples, alsSettings,
                EaseSettings.defaults());
    }

    /**
     * @param maxTrainExamples training examples kept (a uniform sample beyond it), bounding memory
     * @param maxValidationExamples validation examples kept, likewise
     * @param alsSettings factors, iterations and regularisation of the item embeddings
     * @param easeSettings λ, item limit and neighbour count of the EASE table
     */
    public TrainingPipeline(FeatureSettings settings, ExampleOptions options, TrainerParameters parameters,
            int maxTrainExamples, int maxValidationExamples, AlsSettings alsSettings, EaseSettings easeSettings) {
        this.easeSettings = easeSettings;
        this.settings = settings;
        this.options = options;
        this.parameters = parameters;
        this.maxTrainExamples = maxTrainExamples;
        this.maxValidationExamples = maxValidationExamples;
        this.alsSettings = alsSettings;
    }

    /**
     * Runs the pipeline.
     *
     * @param items the catalog
     * @param events calls its argument with every event, in time order (twice with
     *            {@link ExampleOptions.Mode#RECALL_NEGATIVES}: the recall tables are built before the examples)
     * @param progress called with the number of events replayed so far (over all replays), every 10,000 events
     */
    public Result run(Collection<Item> items, Consumer<Consumer<Event>> events, Consumer<Long> progress) {
        Reservoir<TrainingExample> trainSample = new Reservoir<>(maxTrainExamples, options.seed());
        Reservoir<TrainingExample> validationSample = new Reservoir<>(maxValidationExamples, options.seed() + 1);
        long validationFrom = options.validationFrom().toEpochMilli();
        RecallTableTrainer recall = new RecallTableTrainer(items, settings.popularityHalfLife(), alsSettings,
                easeSettings);
        long[] count = {0};
        ExampleBuilder builder;
        RecallTables tables = null;
        double recallSeconds = 0;
        if (options.mode() == ExampleOptions.Mode.RECALL_NEGATIVES) {
            // Two replays: the recall tables first, then the examples, with negatives drawn from recall candidates.
            events.accept(e -> {
                recall.accept(e);
                if (++count[0] % 10_000 == 0) {
                    progress.accept(count[0]);
                }
            });
            long recallStart = System.nanoTime();
            tables = recall.build();
            recallSeconds = (System.nanoTime() - recallStart) / 1e9;
            builder = new ExampleBuilder(settings, items, options, RecallSetup.candidates(tables),
                    e -> (e.atMillis() < validationFrom ? trainSample : validationSample).add(e));
            ExampleBuilder replay = builder;
            events.accept(e -> {
                replay.accept(e);
                if (++count[0] % 10_000 == 0) {
                    progress.accept(count[0]);
                }
            });
        } else {
            builder = new ExampleBuilder(settings, items, options,
                    e -> (e.atMillis() < validationFrom ? trainSample : validationSample).add(e));
            ExampleBuilder replay = builder;
            events.accept(e -> {
                replay.accept(e);
                recall.accept(e);
                if (++count[0] % 10_000 == 0) {
                    progress.accept(count[0]);
                }
            });
        }
        builder.finish();
        progress.accept(count[0]);
        List<TrainingExample> train = trainSample.sample();
        List<TrainingExample> validation = validationSample.sample();
        if (validation.isEmpty()) {
            throw new IllegalArgumentException("no examples at or after the validation split "
                    + options.validationFrom() + "; use more data or a later split");
        }

        if (tables == null) {
            long recallStart = System.nanoTime();
            tables = recall.build();
            recallSeconds = (System.nanoTime() - recallStart) / 1e9;
        }
        long start = System.nanoTime();
        Model<Label> model = new RankerTrainer(parameters).train(train);
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
        SplittableRandom ties = new SplittableRandom(options.seed());
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
        return new Result(model, tables, report, builder, validation);
    }

    /**
     * The outcome of a run.
     *
     * @param model the trained ranker model
     * @param tables the recall tables built from all events
     * @param report validation metrics
     * @param builder the replay, for its event counts and time range
     * @param validation the validation examples (to check a published model against)
     */
    public record Result(Model<Label> model, RecallTables tables, TrainingReport report, ExampleBuilder builder,
            List<TrainingExample> validation) {
    }
}
