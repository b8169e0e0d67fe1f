package io.vitrine.recall;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vitrine.feature.ScoredItem;

/**
 * Merges the outputs of named sources: at most each source's quota from each, de-duplicated, every candidate keeping
 * all sources that produced it. Scores of different sources are not comparable, so candidates are ordered by reciprocal
 * rank fusion ({@code sum of 1 / (60 + rank)}, Cormack et al. 2009), which rewards agreement; a source may carry a
 * weight that multiplies its terms ({@code sum of weight / (60 + rank)}, 1 unless given), so a source known to be
 * stronger is not outvoted by weaker ones. Each candidate keeps its rank and relative score in every source, which the
 * ranker reads as features.
 */
public final class CandidateMerger {
    /** The RRF constant from the original paper. */
    public static final int RRF_K = 60;

    private CandidateMerger() {
    }

    /**
     * @param outputs source name to its candidates, best first (iteration order breaks ties)
     * @param quotas most candidates taken from each source (sources without a quota contribute nothing)
     * @param total most candidates returned
     */
    public static List<Candidate> merge(Map<String, List<ScoredItem>> outputs, Map<String, Integer> quotas,
            int total) {
        return merge(outputs, quotas, Map.of(), total);
    }

    /**
     * @param outputs source name to its candidates, best first (iteration order breaks ties)
     * @param quotas most candidates taken from each source (sources without a quota contribute nothing)
     * @param weights weight of each source's RRF terms (greater than 0; 1 for sources not listed)
     * @param total most candidates returned
     */
    public static List<Candidate> merge(Map<String, List<ScoredItem>> outputs, Map<String, Integer> quotas,
            Map<String, Double> weights, int total) {
        Map<String, Merged> merged = new HashMap<>();
        outputs.forEach((source, items) -> {
            int index = SourceNames.index(source);
            int quota = Math.min(items.size(), quotas.getOrDefault(source, 0));
            double top = quota == 0 ? 1 : Math.abs(items.get(0).score());
            double weight = weights.getOrDefault(source, 1.0);
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight of " + source + " must be finite and greater than 0");
            }
            for (int rank = 0; rank < quota; rank++) {
                String id = items.get(rank).itemId();
                double contribution = weight / (RRF_K + rank + 1);
                Merged m = merged.get(id);
                if (m == null) {
                    m = new Merged(id);
                    merged.put(id, m);
                }
                m.score += contribution;
                m.ranks[index] = rank + 1;
                m.scores[index] = (float) (top > 0 ? items.get(rank).score() / top : 0);
                m.raw[index] = (float) items.get(rank).score();
                if (!m.sources.contains(source)) {
                    // Keep the source that ranked the item highest first.
                    if (contribution > m.best) {
                        m.sources.add(0, source);
                        m.best = contribution;
                    } else {
                        m.sources.add(source);
                    }
                }
            }
        });
        List<Merged> sorted = new ArrayList<>(merged.values());
        sorted.sort(CandidateMerger::compare);
        int n = Math.min(total, sorted.size());
        List<Candidate> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Merged m = sorted.get(i);
            out.add(new Candidate(m.id, m.score, m.sources, i + 1, m.ranks, m.scores, m.raw));
        }
        return out;
    }

    /** Best score first, ties by id. */
    private static int compare(Merged a, Merged b) {
        int byScore = Double.compare(b.score, a.score);
        return byScore != 0 ? byScore : a.id.compareTo(b.id);
    }

    /** One candidate while merging: its fused score, its sources, and the best contribution of one of them. */
    private static final class Merged {
        final String id;
        final List<String> sources = new ArrayList<>(4);
        final float[] ranks = new float[SourceNames.ALL.size()];
        final float[] scores = new float[SourceNames.ALL.size()];
        final float[] raw = new float[SourceNames.ALL.size()];
        double score;
        double best;

        Merged(String id) {
            this.id = id;
        }
    }
}
