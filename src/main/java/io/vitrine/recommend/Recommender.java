package io.vitrine.recommend;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 *
 * <p>
 * With a model and a {@code recallWeight} above 0, the rank stage blends two orders of the eligible candidates by
 * reciprocal rank fusion: an item's score is {@code 1 / (60 + model rank) + recallWeight / (60 + recall rank)} (ranks
 * from 1; recall rank is the merged recall order). 0 ranks by the model alone; a large weight keeps the recall order
 * and lets the model break near-ties. The same code serves requests and runs the offline evaluation.
 */
public final class Recommender {
    private final List<RecallSource> sources;
    private final Map<String, Integer> quotas;
    private final Map<String, Double> weights;
    private final int maxCandidates;
    private final Ranker ranker;
    private final double recallWeight;
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
        this(sources, quotas, Map.of(), maxCandidates, ranker, 0, rules);
    }

    /**
     * @param sources recall sources, run in order
     * @param quotas most candidates taken from each source, by name
     * @param weights weight of each source in the merge ({@link CandidateMerger}; 1 for sources not listed)
     * @param maxCandidates most candidates ranked
     * @param ranker the model, or null to rank by merged recall score
     * @param recallWeight weight of the recall order against the model's order (0: the model's order alone; at least 0,
     *            finite)
     * @param rules re-ranking rules, applied in order
     */
    public Recommender(List<RecallSource> sources, Map<String, Integer> quotas, Map<String, Double> weights,
            int maxCandidates, Ranker ranker, double recallWeight, List<RerankRule> rules) {
        if (!(recallWeight >= 0) || Double.isInfinite(recallWeight)) {
            throw new IllegalArgumentException("recallWeight must be finite and at least 0");
        }
        this.recallWeight = recallWeight;
        this.sources = List.copyOf(sources);
        this.quotas = Map.copyOf(quotas);
        this.weights = Map.copyOf(weights);
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
            return CandidateMerger.merge(outputs, quotas, weights, maxCandidates);
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
        double[] model = ranker.score(vectors);
        return recallWeight == 0 ? model : blend(model, recallWeight);
    }

    /**
     * RRF of the model's order and the recall order ({@code model} holds the candidates' model scores in recall order):
     * {@code 1 / (60 + model rank) + recallWeight / (60 + recall rank)}, ranks from 1, model ties broken by recall
     * order.
     */
    static double[] blend(double[] model, double recallWeight) {
        int n = model.length;
        Integer[] byModel = new Integer[n];
        for (int i = 0; i < n; i++) {
            byModel[i] = i;
        }
        Arrays.sort(byModel, (a, b) -> {
            int c = Double.compare(model[b], model[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        double[] out = new double[n];
        for (int rank = 0; rank < n; rank++) {
            int i = byModel[rank];
            out[i] += 1.0 / (CandidateMerger.RRF_K + rank + 1);
        }
        for (int i = 0; i < n; i++) {
            out[i] += recallWeight / (CandidateMerger.RRF_K + i + 1);
        }
        return out;
    }
}
