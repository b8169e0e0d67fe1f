package io.vitrine.recall;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vitrine.feature.ScoredItem;

/**
 * Merges the outputs of named sources: at most each source's quota from each, de-duplicated, every candidate keeping
 * all sources that produced it. Scores of different sources are not comparable, so candidates are ordered by reciprocal
 * rank fusion ({@code sum of 1 / (60 + rank)}, Cormack et al. 2009), which rewards agreement.
 */
public final class CandidateMerger {
    /** The RRF constant from the original paper. */
    static final int RRF_K = 60;

    private CandidateMerger() {
    }

    /**
     * @param outputs source name to its candidates, best first (iteration order breaks ties)
     * @param quotas most candidates taken from each source (sources without a quota contribute nothing)
     * @param total most candidates returned
     */
    public static List<Candidate> merge(Map<String, List<ScoredItem>> outputs, Map<String, Integer> quotas,
            int total) {
        Map<String, double[]> scores = new LinkedHashMap<>();
        Map<String, List<String>> sources = new LinkedHashMap<>();
        Map<String, Double> bestContribution = new LinkedHashMap<>();
        outputs.forEach((source, items) -> {
            int quota = Math.min(items.size(), quotas.getOrDefault(source, 0));
            for (int rank = 0; rank < quota; rank++) {
                String id = items.get(rank).itemId();
                double contribution = 1.0 / (RRF_K + rank + 1);
                scores.computeIfAbsent(id, k -> new double[1])[0] += contribution;
                List<String> from = sources.computeIfAbsent(id, k -> new ArrayList<>());
                if (!from.contains(source)) {
                    // Keep the source that ranked the item highest first.
                    if (contribution > bestContribution.getOrDefault(id, 0.0)) {
                        from.add(0, source);
                        bestContribution.put(id, contribution);
                    } else {
                        from.add(source);
                    }
                }
            }
        });
        List<Candidate> out = new ArrayList<>(scores.size());
        scores.forEach((id, score) -> out.add(new Candidate(id, score[0], sources.get(id))));
        out.sort(Comparator.comparingDouble(Candidate::recallScore).reversed().thenComparing(Candidate::itemId));
        return out.size() > total ? List.copyOf(out.subList(0, total)) : out;
    }
}
