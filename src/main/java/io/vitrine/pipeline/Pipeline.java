package io.vitrine.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.vitrine.catalog.Item;
import io.vitrine.event.EventType;
import io.vitrine.feature.ItemFeatures;
import io.vitrine.feature.RecentItem;
import io.vitrine.feature.UserFeatures;
import io.vitrine.rank.FeatureMatrix;
import io.vitrine.rank.Ranker;
import io.vitrine.rank.RankingFeatures;
import io.vitrine.recall.Candidate;
import io.vitrine.recall.CandidateMerger;
import io.vitrine.recall.PriceBand;
import io.vitrine.recall.RecallContext;
import io.vitrine.recall.RecallTables;
import io.vitrine.rerank.BoostRule;
import io.vitrine.rerank.DiversityRule;
import io.vitrine.rerank.ExplorationRule;
import io.vitrine.rerank.RankedItem;
import io.vitrine.rerank.RerankRule;

/**
 * Recall, filter, rank, re-rank: the whole recommend pipeline for one bundle and one {@link PipelineSettings}, built
 * once and then run for each request. Serving, the offline evaluation and the trainer's candidate lists run this class,
 * so they cannot drift apart. A request reads the user's features first (the caller's store), then:
 * <ol>
 * <li>recall: the {@link RecallPlan}'s sources, merged;</li>
 * <li>features: one batched read of the candidates' features ({@link Lookups#items()});</li>
 * <li>filter: blocked and out-of-stock candidates are dropped (compliance and availability are not preferences a model
 * may trade off), as are the request's exclusions, the anchor and items bought within the purchased window;</li>
 * <li>rank: one batched model call ({@link Ranker}); without a model, the merged recall score. With a
 * {@code rank.recall-weight} above 0, an item's score is {@code 1 / (60 + model rank) + recallWeight / (60 + recall
 * rank)} (ranks from 1; 0 ranks by the model alone, a large weight keeps the recall order and lets the model break
 * near-ties);</li>
 * <li>re-rank: freshness, promotion, exploration (seeded per request), diversity.</li>
 * </ol>
 */
public final class Pipeline {
    private final PipelineSettings settings;
    private final RecallPlan recall;
    private final Lookups lookups;
    private final Ranker ranker;
    private final List<RerankRule> rules;

    private Pipeline(PipelineSettings settings, RecallPlan recall, Lookups lookups, Ranker ranker) {
        this.settings = settings;
        this.recall = recall;
        this.lookups = lookups;
        this.ranker = ranker;
        PipelineSettings.Rerank r = settings.rerank();
        // Exploration before diversity, so the diversity limits hold for the explored slot too.
        this.rules = List.of(BoostRule.freshness(r.freshness().days(), r.freshness().boost()),
                BoostRule.promotion(r.promotionBoost()),
                new ExplorationRule(r.explorationEpsilon(), r.diversity().window()),
                new DiversityRule(r.diversity().maxPerCategory(), r.diversity().maxPerBrand(),
                        r.diversity().window()));
    }

    /**
     * The pipeline of {@code settings}.
     *
     * @param tables the bundle's recall tables, or null without a bundle
     * @param ranker the bundle's model, or null to rank by merged recall score
     */
    public static Pipeline of(PipelineSettings settings, RecallTables tables, Ranker ranker, Lookups lookups) {
        return new Pipeline(settings, RecallPlan.of(settings.recall(), tables, lookups), lookups, ranker);
    }

    /** A pipeline over a given recall plan (tests). */
    static Pipeline of(PipelineSettings settings, RecallPlan recall, Ranker ranker, Lookups lookups) {
        return new Pipeline(settings, recall, lookups, ranker);
    }

    /** The settings it was built from. */
    public PipelineSettings settings() {
        return settings;
    }

    /** Whether a model ranks (otherwise the merged recall score orders the list). */
    public boolean ranked() {
        return ranker != null;
    }

    /** The recall sources that run, in order. */
    public List<String> sources() {
        return recall.sourceNames();
    }

    /**
     * What recall knows about a request: the user's history and affinities, the price band, and what must not be
     * recommended (the request's exclusions, the anchor, items bought within {@code filter.purchased-window}).
     */
    public RecallContext context(RecommendRequest request, UserFeatures user, Instant now) {
        Set<String> exclude = new HashSet<>(request.exclude());
        Instant boughtSince = now.minus(settings.filter().purchasedWindow());
        for (RecentItem bought : user.purchased()) {
            if (!Instant.ofEpochMilli(bought.atMillis()).isBefore(boughtSince)) {
                exclude.add(bought.itemId());
            }
        }
        request.anchorItemId().ifPresent(exclude::add);
        return new RecallContext(request.userId(), user.interacted(), request.anchorItemId(),
                user.categoryAffinity(), user.brandAffinity(), exclude, now,
                PriceBand.of(user.purchaseCount(), user.meanPurchasePrice(), user.purchasePriceStd()));
    }

    /** The merged recall candidates of a request context, best first (the trainer draws candidates from them). */
    public List<Candidate> recall(RecallContext context) {
        return recall.recall(context);
    }

    /**
     * The top {@code request.count()} items for a request.
     *
     * @param user the user's features as of {@code now}
     * @param seed seeds the rules that draw at random (exploration): the same seed gives the same list
     */
    public List<RankedItem> recommend(RecommendRequest request, UserFeatures user, Instant now, long seed,
            Stages stages) {
        Candidates candidates = candidates(request, user, now, stages);
        List<Candidate> eligible = candidates.eligible();
        List<ItemFeatures> features = candidates.eligibleFeatures();
        double[] scores = stages.time("rank", () -> score(user, candidates, now));
        List<RankedItem> ranked = new ArrayList<>(eligible.size());
        for (int i = 0; i < eligible.size(); i++) {
            Candidate c = eligible.get(i);
            ItemFeatures f = features.get(i);
            Item item = f.item().orElseThrow();
            Optional<Duration> age = f.age();
            ranked.add(new RankedItem(c.itemId(), scores[i], item.category(), item.brand(),
                    age.isPresent() ? age.get().toHours() / 24.0 : -1.0, item.promoted(),
                    f.count(EventType.IMPRESSION), c.sources(), List.of()));
        }
        ranked.sort(RankedItem.BY_SCORE);
        return stages.time("rerank", () -> {
            List<RankedItem> out = ranked;
            for (RerankRule rule : rules) {
                out = rule.apply(out, seed);
            }
            return out.size() > request.count() ? List.copyOf(out.subList(0, request.count())) : out;
        });
    }

    /**
     * What the rank stage orders for a request: the merged recall candidates that are known, in stock and not blocked,
     * in recall order, with their features (the trainer builds its examples from exactly these).
     */
    public Candidates candidates(RecommendRequest request, UserFeatures user, Instant now, Stages stages) {
        RecallContext context = context(request, user, now);
        List<Candidate> recalled = stages.time("recall", () -> recall.recall(context));
        Map<String, ItemFeatures> features = stages.time("features",
                () -> lookups.items().items(recalled.stream().map(Candidate::itemId).toList(), now));
        List<Candidate> eligible = new ArrayList<>(recalled.size());
        List<ItemFeatures> eligibleFeatures = new ArrayList<>(recalled.size());
        for (Candidate c : recalled) {
            ItemFeatures f = features.get(c.itemId());
            Item item = f == null ? null : f.item().orElse(null);
            if (item != null && item.inStock() && !item.blocked()) {
                eligible.add(c);
                eligibleFeatures.add(f);
            }
        }
        return new Candidates(eligible, eligibleFeatures);
    }

    /** The ranking feature vectors of a request's candidates, in their order ({@link RankingFeatures}). */
    public static List<double[]> vectors(UserFeatures user, Candidates candidates, Instant now) {
        List<double[]> vectors = new ArrayList<>(candidates.eligible().size());
        RankingFeatures.ForUser pairs = RankingFeatures.forUser(user, now);
        for (int i = 0; i < candidates.eligible().size(); i++) {
            vectors.add(pairs.vector(candidates.eligibleFeatures().get(i), candidates.eligible().get(i)));
        }
        return vectors;
    }

    private double[] score(UserFeatures user, Candidates candidates, Instant now) {
        if (ranker == null) {
            return candidates.eligible().stream().mapToDouble(Candidate::recallScore).toArray();
        }
        List<Candidate> eligible = candidates.eligible();
        FeatureMatrix matrix = FeatureMatrix.forThread(eligible.size());
        RankingFeatures.ForUser pairs = RankingFeatures.forUser(user, now);
        for (int i = 0; i < eligible.size(); i++) {
            Candidate c = eligible.get(i);
            pairs.fill(candidates.eligibleFeatures().get(i), c, matrix, i);
        }
        double[] model = ranker.score(matrix);
        double recallWeight = settings.rank().recallWeight();
        return recallWeight == 0 ? model : blend(model, recallWeight);
    }

    /**
     * The candidates the rank stage orders.
     *
     * @param eligible known, in stock, not blocked, in merged recall order
     * @param eligibleFeatures the features of each eligible candidate, in the same order (the rank stage reads them by
     *            position: 500 candidates are looked up once, not once per stage)
     */
    public record Candidates(List<Candidate> eligible, List<ItemFeatures> eligibleFeatures) {
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
