package io.vitrine.train;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.vitrine.catalog.Item;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureSnapshot;
import io.vitrine.feature.FeatureUpdater;
import io.vitrine.feature.InMemoryStore;
import io.vitrine.feature.ItemFeatures;
import io.vitrine.feature.UserFeatures;
import io.vitrine.rank.TribuoRanker;
import io.vitrine.recall.RecallContext;
import io.vitrine.recall.RecallSource;
import io.vitrine.recall.RecallTables;
import io.vitrine.recommend.Recommender;
import io.vitrine.rerank.DiversityRule;
import io.vitrine.rerank.RankedItem;
import io.vitrine.rerank.RerankRule;

/**
 * Offline evaluation of the whole pipeline: train the ranker and the recall tables on the training events only, then
 * for every test user recommend K items (recall from co-occurrence, embedding and popularity tables, rank with the
 * model, re-rank for category diversity) as of the end of the training data, excluding the user's training items, and
 * score the lists against the user's test items; MostPop (training engagements per item, same exclusions) beside it.
 */
public final class PipelineEvaluation {
    /** Candidates taken from each recall source. */
    public static final Map<String, Integer> QUOTAS = RecallSetup.QUOTAS;
    /** Candidates ranked per user. */
    public static final int MAX_CANDIDATES = RecallSetup.MAX_CANDIDATES;

    private final FeatureSettings settings;
    private final TrainingPipeline training;
    private final int k;
    private final int maxPerCategory;
    private final double recallWeight;

    /**
     * @param maxPerCategory diversity limit per category in the top K
     */
    public PipelineEvaluation(FeatureSettings settings, TrainingPipeline training, int k, int maxPerCategory) {
        this(settings, training, k, maxPerCategory, 0);
    }

    /**
     * @param maxPerCategory diversity limit per category in the top K
     * @param recallWeight weight of the recall order blended with the model's ({@link Recommender}; 0: the model's
     *            order alone)
     */
    public PipelineEvaluation(FeatureSettings settings, TrainingPipeline training, int k, int maxPerCategory,
            double recallWeight) {
        this.recallWeight = recallWeight;
        this.settings = settings;
        this.training = training;
        this.k = k;
        this.maxPerCategory = maxPerCategory;
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
        InMemoryStore store = trained.builder().store();
        RecallTables tables = trained.tables();
        List<RecallSource> sources = RecallSetup.sources(tables);
        List<RerankRule> rules = List.of(new DiversityRule(maxPerCategory, Integer.MAX_VALUE, k));
        Recommender recommender = new Recommender(sources, QUOTAS, RecallSetup.WEIGHTS, MAX_CANDIDATES,
                new TribuoRanker(trained.model()), recallWeight, rules);
        Recommender recallOnly = new Recommender(sources, QUOTAS, RecallSetup.WEIGHTS, MAX_CANDIDATES, null, 0,
                rules);

        Map<String, Item> catalog = new HashMap<>();
        items.forEach(i -> catalog.put(i.itemId(), i));
        List<String> byPopularity = new ArrayList<>(popularity.keySet());
        byPopularity.sort(Comparator.comparingLong((String id) -> popularity.get(id))
                .reversed()
                .thenComparing(Comparator.naturalOrder()));
        TopKMetrics pipeline = new TopKMetrics(k, items.size());
        TopKMetrics mostPop = new TopKMetrics(k, items.size());
        TopKMetrics recallMetrics = new TopKMetrics(k, items.size());
        for (Map.Entry<String, Set<String>> user : data.test().entrySet()) {
            Set<String> excluded = data.exclude().getOrDefault(user.getKey(), Set.of());
            FeatureSnapshot snapshot = store.read(user.getKey(), List.of());
            UserFeatures features = UserFeatures.of(snapshot.user(), now, settings);
            RecallContext context = new RecallContext(user.getKey(), features.interacted(), Optional.empty(),
                    features.categoryAffinity(), features.brandAffinity(), excluded, now);
            List<RankedItem> list = recommender.recommend(features, context, ids -> itemFeatures(store, ids, now),
                    k);
            pipeline.add(list.stream().map(RankedItem::itemId).toList(),
                    list.stream().map(RankedItem::category).toList(), user.getValue());
            List<RankedItem> recalled = recallOnly.recommend(features, context, ids -> itemFeatures(store, ids, now),
                    k);
            recallMetrics.add(recalled.stream().map(RankedItem::itemId).toList(),
                    recalled.stream().map(RankedItem::category).toList(), user.getValue());
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
                    .map(id -> catalog.containsKey(id)
                            ? catalog.get(id).category()
                            : null)
                    .toList(), user.getValue());
        }
        return new Report(pipeline.result(), recallMetrics.result(), mostPop.result(), trained.report());
    }

    private Map<String, ItemFeatures> itemFeatures(InMemoryStore store, Collection<String> ids, Instant now) {
        FeatureSnapshot snapshot = store.read(null, ids);
        Map<String, ItemFeatures> out = new LinkedHashMap<>();
        snapshot.items().forEach((id, state) -> out.put(id, ItemFeatures.of(state, now, settings)));
        return out;
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
