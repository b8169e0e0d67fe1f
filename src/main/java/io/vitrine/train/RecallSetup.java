package io.vitrine.train;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.vitrine.feature.ScoredItem;
import io.vitrine.recall.Candidate;
import io.vitrine.recall.CandidateMerger;
import io.vitrine.recall.NeighbourSource;
import io.vitrine.recall.PopularSource;
import io.vitrine.recall.RecallContext;
import io.vitrine.recall.RecallSource;
import io.vitrine.recall.RecallTables;

/**
 * The recall stage of offline jobs over a set of recall tables: EASE, co-occurrence and embedding neighbours of the
 * user's recent items, and popularity. The offline evaluation recommends with it, and
 * {@link ExampleOptions.Mode#RECALL_NEGATIVES} draws training negatives from it, so the ranker is trained on the kind
 * of candidate lists it is evaluated on.
 */
public final class RecallSetup {
    /** Candidates taken from each recall source. */
    public static final Map<String, Integer> QUOTAS = Map.of("ease", 200, "item_cf", 200, "embedding", 200, "popular",
            100);
    /**
     * Weights of the sources in the merge. EASE is the strongest table by far on MovieLens 100K, and with equal weights
     * the three weaker sources outvote it: recall alone reaches NDCG@10 0.365 with weight 1, 0.408 with 3, 0.442 with
     * 10 (README).
     */
    public static final Map<String, Double> WEIGHTS = Map.of("ease", 10.0);
    /** Candidates ranked per user. */
    public static final int MAX_CANDIDATES = 500;
    /** Most recent history items used as seeds of the neighbour sources. */
    static final int MAX_SEEDS = 50;
    /** Recency half-life of the seed weights. */
    static final Duration SEED_HALF_LIFE = Duration.ofDays(30);
    /**
     * Seeds of the EASE source: the whole recent history the features keep (EASE scores the sum over the history,
     * undecayed).
     */
    static final int EASE_SEEDS = 1000;

    private RecallSetup() {
    }

    /** The sources, in the order they run. */
    public static List<RecallSource> sources(RecallTables tables) {
        return List.of(
                new NeighbourSource("ease", ids -> tables.neighbours(RecallTables.EASE, ids), EASE_SEEDS,
                        Duration.ZERO),
                new NeighbourSource("item_cf", ids -> tables.neighbours(RecallTables.COOCCURRENCE, ids), MAX_SEEDS,
                        SEED_HALF_LIFE),
                new NeighbourSource("embedding", ids -> tables.neighbours(RecallTables.EMBEDDING, ids), MAX_SEEDS,
                        SEED_HALF_LIFE),
                new PopularSource((category, limit) -> category.map(c -> tables.popularity().category(c))
                        .orElse(tables.popularity().global())
                        .stream()
                        .limit(limit)
                        .toList()));
    }

    /** The merged candidates of a request, best first, as the recommender merges them. */
    public static Function<RecallContext, List<String>> candidates(RecallTables tables) {
        List<RecallSource> sources = sources(tables);
        return context -> {
            Map<String, List<ScoredItem>> outputs = new LinkedHashMap<>();
            for (RecallSource source : sources) {
                int quota = QUOTAS.getOrDefault(source.name(), 0);
                if (quota > 0) {
                    outputs.put(source.name(), source.recall(context, quota));
                }
            }
            return CandidateMerger.merge(outputs, QUOTAS, WEIGHTS, MAX_CANDIDATES)
                    .stream()
                    .map(Candidate::itemId)
                    .toList();
        };
    }
}
