package io.vitrine.train;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.vitrine.catalog.Item;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureUpdater;
import io.vitrine.feature.UserFeatures;
import io.vitrine.memory.InMemoryFeatureStore;
import io.vitrine.pipeline.Lookups;
import io.vitrine.pipeline.Pipeline;
import io.vitrine.pipeline.PipelineSettings;
import io.vitrine.pipeline.RecommendRequest;
import io.vitrine.pipeline.Stages;
import io.vitrine.rank.TreeEnsembleRanker;
import io.vitrine.rank.XGBoostTrees;
import io.vitrine.rerank.RankedItem;

/**
 * Offline evaluation of the whole pipeline as served: train the ranker and the recall tables on the training events
 * only, then for every test user ask the serving {@link Pipeline} (built from the same {@link PipelineSettings} as
 * {@code serve}, over the replayed state as of the end of the training data, scoring with the same pure-Java trees) for
 * K items, excluding the user's training items as a client would in {@code exclude}, and score the lists against the
 * user's test items. Beside it: the same pipeline without the model (the recall order), and MostPop (training
 * engagements per item, same exclusions).
 */
public final class PipelineEvaluation {
    private final FeatureSettings settings;
    private final PipelineSettings pipeline;
    private final TrainingPipeline training;
    private final int k;

    /** @param pipeline the pipeline to evaluate (serving's settings, perhaps with {@code evaluate --set} overrides) */
    public PipelineEvaluation(FeatureSettings settings, PipelineSettings pipeline, TrainingPipeline training, int k) {
        this.settings = settings;
        this.pipeline = pipeline;
        this.training = training;
        this.k = k;
    }

    /** Runs the protocol on a split dataset. */
    public Report run(EvaluationData data) {
        List<Item> items = data.items();
        Map<String, Long> popularity = new HashMap<>();
        Instant[] last = {Instant.EPOCH};
        // The pipeline may replay the events more than once (RECALL_NEGATIVES): count one replay.
        TrainingPipeline.Result trained = training.run(items, sink -> data.trainEvents(e -> {
            if (e.timestamp().isBefore(last[0])) {
                popularity.clear();
            }
            if (e.itemId() != null && FeatureUpdater.INTEREST_WEIGHT.get(e.type()) > 0) {
                popularity.merge(e.itemId(), 1L, Long::sum);
            }
            last[0] = e.timestamp();
            sink.accept(e);
        }), n -> {
        });
        Instant now = last[0].plusMillis(1);
        InMemoryFeatureStore store = trained.builder().store();
        Lookups lookups = ReplayLookups.of(store, settings);
        Pipeline full = Pipeline.of(pipeline, trained.tables(), TreeEnsembleRanker.of(XGBoostTrees.of(trained.model())),
                lookups);
        Pipeline recallOnly = Pipeline.of(pipeline, trained.tables(), null, lookups);

        Map<String, Item> catalog = new HashMap<>();
        items.forEach(i -> catalog.put(i.itemId(), i));
        List<String> byPopularity = new ArrayList<>(popularity.keySet());
        byPopularity.sort(Comparator.comparingLong((String id) -> popularity.get(id))
                .reversed()
                .thenComparing(Comparator.naturalOrder()));
        TopKMetrics pipelineMetrics = new TopKMetrics(k, items.size());
        TopKMetrics mostPop = new TopKMetrics(k, items.size());
        TopKMetrics recallMetrics = new TopKMetrics(k, items.size());
        for (Map.Entry<String, Set<String>> user : data.test().entrySet()) {
            Set<String> excluded = data.exclude().getOrDefault(user.getKey(), Set.of());
            UserFeatures features = UserFeatures.of(store.read(user.getKey(), List.of()).user(), now, settings);
            RecommendRequest request = new RecommendRequest(user.getKey(), k, null, Optional.empty(), excluded,
                    false);
            long seed = user.getKey().hashCode();
            add(pipelineMetrics, full.recommend(request, features, now, seed, Stages.NONE), user.getValue());
            add(recallMetrics, recallOnly.recommend(request, features, now, seed, Stages.NONE), user.getValue());
            List<String> popular = new ArrayList<>(k);
            for (String id : byPopularity) {
                if (popular.size() == k) {
                    break;
                }
                if (!excluded.contains(id)) {
                    popular.add(id);
                }
            }
            mostPop.add(popular, popular.stream()
                    .map(id -> catalog.containsKey(id) ? catalog.get(id).category() : null)
                    .toList(), user.getValue());
        }
        return new Report(pipelineMetrics.result(), recallMetrics.result(), mostPop.result(), trained.report());
    }

    private static void add(TopKMetrics metrics, List<RankedItem> list, Set<String> relevant) {
        metrics.add(list.stream().map(RankedItem::itemId).toList(), list.stream().map(RankedItem::category).toList(),
                relevant);
    }

    /**
     * The outcome.
     *
     * @param pipeline metrics of the recall-rank-rerank pipeline
     * @param recallOnly the same pipeline without the model (candidates in merged recall order)
     * @param mostPopular metrics of MostPop
     * @param training the report of training on the training part
     */
    public record Report(TopKMetrics.Result pipeline, TopKMetrics.Result recallOnly, TopKMetrics.Result mostPopular,
            TrainingReport training) {
    }
}
