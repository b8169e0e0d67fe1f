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
import io.vitrine.pipeline.Pipeline;
import io.vitrine.pipeline.PipelineSettings;
import io.vitrine.pipeline.RecommendRequest;
import io.vitrine.pipeline.Stages;
import io.vitrine.rank.Ranker;
import io.vitrine.rank.TreeEnsembleRanker;
import io.vitrine.rank.XGBoostTrees;
import io.vitrine.recall.RecallTables;
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
        TrainingPipeline.Result trained = training.run(items, data::trainEvents, n -> {
        });
        // The state as of the end of the training data, replayed once more: the trainer's own state may stop at its
        // holdout's cut.
        Map<String, Item> catalog = new HashMap<>();
        items.forEach(i -> catalog.put(i.itemId(), i));
        InMemoryFeatureStore store = new InMemoryFeatureStore(settings);
        store.upsertItems(items);
        FeatureUpdater updater = new FeatureUpdater(settings);
        Map<String, Long> popularity = new HashMap<>();
        Instant[] last = {Instant.EPOCH};
        data.trainEvents(e -> {
            store.apply(updater.updatesFor(e, e.itemId() == null ? null : catalog.get(e.itemId())));
            if (e.itemId() != null && FeatureUpdater.INTEREST_WEIGHT.get(e.type()) > 0) {
                popularity.merge(e.itemId(), 1L, Long::sum);
            }
            last[0] = e.timestamp();
        });
        Instant now = last[0].plusMillis(1);
        Pipeline full = offline(pipeline, trained.tables(), TreeEnsembleRanker.of(XGBoostTrees.of(trained.model())),
                store, settings);
        Pipeline recallOnly = offline(pipeline, trained.tables(), null, store, settings);

        List<String> byPopularity = new ArrayList<>(popularity.keySet());
        byPopularity.sort(Comparator.comparingLong((String id) -> popularity.get(id))
                .reversed()
                .thenComparing(Comparator.naturalOrder()));
        TopKMetrics pipelineMetrics = new TopKMetrics(k, items.size());
        TopKMetrics mostPop = new TopKMetrics(k, items.size());
        TopKMetrics recallMetrics = new TopKMetrics(k, items.size());
        for (Map.Entry<String, Set<String>> user : data.test().entrySet()) {
            Set<String> excluded = data.exclude().getOrDefault(user.getKey(), Set.of());
            add(pipelineMetrics, list(full, store, settings, user.getKey(), k, excluded, now), user.getValue());
            add(recallMetrics, list(recallOnly, store, settings, user.getKey(), k, excluded, now),
                    user.getValue());
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

    /**
     * The serving pipeline over replayed state: what the evaluation asks for each test user.
     *
     * @param ranker the model's scorer (the served trees), or null for the recall order
     */
    public static Pipeline offline(PipelineSettings pipeline, RecallTables tables, Ranker ranker,
            InMemoryFeatureStore state, FeatureSettings settings) {
        return Pipeline.of(pipeline, tables, ranker, ReplayLookups.of(state, settings));
    }

    /**
     * A user's list, as a client's request for {@code k} items excluding {@code exclude} would get it from serving over
     * the same state at {@code now} (exploration draws per user, which only matters with exploration on).
     */
    public static List<RankedItem> list(Pipeline pipeline, InMemoryFeatureStore state, FeatureSettings settings,
            String userId, int k, Set<String> exclude, Instant now) {
        UserFeatures features = UserFeatures.of(state.read(userId, List.of()).user(), now, settings);
        RecommendRequest request = new RecommendRequest(userId, k, null, Optional.empty(), exclude, false);
        return pipeline.recommend(request, features, now, userId.hashCode(), Stages.NONE);
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
