package io.vitrine.recommend;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.vitrine.catalog.Item;
import io.vitrine.event.EventType;
import io.vitrine.feature.ItemFeatures;
import io.vitrine.feature.ScoredItem;
import io.vitrine.feature.UserFeatures;
import io.vitrine.rank.Ranker;
import io.vitrine.rank.RankingFeatures;
import io.vitrine.recall.Candidate;
import io.vitrine.recall.CandidateMerger;
import io.vitrine.recall.RecallContext;
import io.vitrine.recall.RecallSource;
import io.vitrine.rerank.RankedItem;
import io.vitrine.rerank.RerankRule;

/**
 * Recall, rank, re-rank. Candidates that are blocked or out of stock are dropped before ranking (compliance and
 * availability are not preferences a model may trade off).
 */
public final class Recommender {
    private final List<RecallSource> sources;
    private final Map<String, Integer> quotas;
    private final int maxCandidates;
    private final Ranker ranker;
    private final List<RerankRule> rules;

    /**
     * @param sources recall sources, run in order
     * @param quotas most candidates taken from each source, by name
     * @param maxCandidates most candidates ranked
     * @param ranker the model, or null to rank by merged recall score
     * @param rules re-ranking rules, applied in order
     */
    public Recommender(List<RecallSource> sources, Map<String, Integer> quotas, int maxCandidates, Ranker ranker,
            List<RerankRule> rules) {
        this.sources = List.copyOf(sources);
        this.quotas = Map.copyOf(quotas);
        this.maxCandidates = maxCandidates;
        this.ranker = ranker;
        this.rules = List.copyOf(rules);
    }

    /**
     * The top {@code count} items for a request.
     *
     * @param user the user's features as of {@code context.now()}
     * @param items reads the features of many items at once
     */
    public List<RankedItem> recommend(UserFeatures user, RecallContext context,
            Function<Collection<String>, Map<String, ItemFeatures>> items, int count) {
        return recommend(user, context, items, count, Stages.NONE);
    }

    /** As {@link #recommend(UserFeatures, RecallContext, Function, int)}, timing each stage. */
    public List<RankedItem> recommend(UserFeatures user, RecallContext context,
            Function<Collection<String>, Map<String, ItemFeatures>> items, int count, Stages stages) {
        List<Candidate> candidates = stages.time("recall", () -> {
            Map<String, List<ScoredItem>> outputs = new LinkedHashMap<>();
            for (RecallSource source : sources) {
                int quota = quotas.getOrDefault(source.name(), 0);
                if (quota > 0) {
                    outputs.put(source.name(), source.recall(context, quota));
                }
            }
            return CandidateMerger.merge(outputs, quotas, maxCandidates);
        });
        Map<String, ItemFeatures> features = stages.time("features",
                () -> items.apply(candidates.stream().map(Candidate::itemId).toList()));
        List<Candidate> eligible = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            Item item = features.get(c.itemId()) == null ? null : features.get(c.itemId()).item().orElse(null);
            if (item != null && item.inStock() && !item.blocked()) {
                eligible.add(c);
            }
        }
        double[] scores = stages.time("rank", () -> score(user, eligible, features, context.now()));
        List<RankedItem> ranked = new ArrayList<>(eligible.size());
        for (int i = 0; i < eligible.size(); i++) {
            Candidate c = eligible.get(i);
            ItemFeatures f = features.get(c.itemId());
            Item item = f.item().orElseThrow();
            ranked.add(new RankedItem(c.itemId(), scores[i], item.category(), item.brand(),
                    f.age().map(a -> a.toHours() / 24.0).orElse(-1.0), item.promoted(),
                    f.count(EventType.IMPRESSION), c.sources(), List.of()));
        }
        ranked.sort(RankedItem.BY_SCORE);
        return stages.time("rerank", () -> {
            List<RankedItem> out = ranked;
            for (RerankRule rule : rules) {
                out = rule.apply(out);
            }
            return out.size() > count ? List.copyOf(out.subList(0, count)) : out;
        });
    }

    private double[] score(UserFeatures user, List<Candidate> eligible, Map<String, ItemFeatures> features,
            Instant now) {
        if (ranker == null) {
            return eligible.stream().mapToDouble(Candidate::recallScore).toArray();
        }
        List<double[]> vectors = new ArrayList<>(eligible.size());
        RankingFeatures.ForUser pairs = RankingFeatures.forUser(user, now);
        for (Candidate c : eligible) {
            vectors.add(pairs.vector(features.get(c.itemId())));
        }
        return ranker.score(vectors);
    }
}
