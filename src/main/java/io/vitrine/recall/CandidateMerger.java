package io.vitrine.recall;

import java.util.ArrayList;
import java.util.Arrays;
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
        List<String> names = new ArrayList<>(outputs.keySet());
        if (names.size() > Integer.SIZE) {
            throw new IllegalArgumentException("at most " + Integer.SIZE + " sources");
        }
        int capacity = 0;
        for (Map.Entry<String, List<ScoredItem>> e : outputs.entrySet()) {
            capacity += Math.min(e.getValue().size(), quotas.getOrDefault(e.getKey(), 0));
        }
        Scratch m = SCRATCH.get().reset(capacity);
        // Where each id's evidence is (its slot, as a double: exact for every int).
        try (Scores slots = Scores.borrow(capacity)) {
            for (int k = 0; k < names.size(); k++) {
                String source = names.get(k);
                gather(k, source, outputs.get(source), quotas.getOrDefault(source, 0),
                        weights.getOrDefault(source, 1.0), m, slots);
            }
        }
        TopK best = new TopK(Math.min(total, m.size), m.ids);
        for (int slot = 0; slot < m.size; slot++) {
            best.offer(slot, m.score[slot]);
        }
        int[] order = new int[m.size];
        int n = best.drainBestFirst(order);
        List<Candidate> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int slot = order[i];
            int e = slot * EVIDENCE;
            out.add(new Candidate(m.ids[slot], m.score[slot], m.sourceNames(names, m.sources[slot], m.leaders[slot]),
                    i + 1, Arrays.copyOfRange(m.evidence, e, e + SOURCES),
                    Arrays.copyOfRange(m.evidence, e + SOURCES, e + 2 * SOURCES),
                    Arrays.copyOfRange(m.evidence, e + 2 * SOURCES, e + EVIDENCE)));
        }
        return out;
    }

    /**
     * Adds the first {@code quota} candidates of {@code source} (the {@code k}-th output) to the merge's fused scores
     * and evidence.
     */
    private static void gather(int k, String source, List<ScoredItem> items, int quotaOfSource, double weight,
            Scratch m, Scores slots) {
        int index = SourceNames.index(source);
        int quota = Math.min(items.size(), quotaOfSource);
        double top = quota == 0 ? 1 : Math.abs(items.get(0).score());
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight of " + source + " must be finite and greater than 0");
        }
        for (int rank = 0; rank < quota; rank++) {
            ScoredItem item = items.get(rank);
            double contribution = weight / (RRF_K + rank + 1);
            int slot = (int) slots.get(item.itemId(), -1);
            if (slot < 0) {
                slot = m.size++;
                slots.put(item.itemId(), slot);
                m.ids[slot] = item.itemId();
            }
            m.score[slot] += contribution;
            int e = slot * EVIDENCE + index;
            m.evidence[e] = rank + 1;
            m.evidence[e + SOURCES] = (float) (top > 0 ? item.score() / top : 0);
            m.evidence[e + 2 * SOURCES] = (float) item.score();
            int bit = 1 << k;
            if ((m.sources[slot] & bit) == 0) {
                m.sources[slot] |= bit;
                // The source that ranked the item highest is named first (the first of equals).
                if (contribution > m.best[slot]) {
                    m.leaders[slot] |= bit;
                    m.best[slot] = contribution;
                }
            }
        }
    }

    /**
     * The names of the sources in {@code all}, in the order they are reported: each source that set a new best
     * contribution went to the front when it came, so the leaders stand last to first, then the others in source order.
     */
    private static List<String> sourceNames(List<String> names, int all, int leaders) {
        String[] out = new String[Integer.bitCount(all)];
        int n = 0;
        for (int k = names.size() - 1; k >= 0; k--) {
            if ((leaders & (1 << k)) != 0) {
                out[n++] = names.get(k);
            }
        }
        for (int k = 0; k < names.size(); k++) {
            if ((all & (1 << k)) != 0 && (leaders & (1 << k)) == 0) {
                out[n++] = names.get(k);
            }
        }
        return List.of(out);
    }

    private static final int SOURCES = SourceNames.ALL.size();
    /** Per candidate: its rank, relative score and raw score in each source. */
    private static final int EVIDENCE = 3 * SOURCES;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * One thread's arrays for the candidates of a merge, by slot (the order ids first came): the fused score, the best
     * contribution of one source, the sources that produced it and those that led it, as bits of the source's position
     * among the outputs, and its evidence. Reused so that a merge of 900 recalled ids allocates only its results.
     */
    private static final class Scratch {
        String[] ids = new String[0];
        double[] score = new double[0];
        double[] best = new double[0];
        int[] sources = new int[0];
        int[] leaders = new int[0];
        float[] evidence = new float[0];
        int size;
        /**
         * The source-name lists of this merge by their two bit sets ({@code all << 32 | leaders}): candidates share a
         * few dozen combinations, so each list is built once a merge, not once a candidate.
         */
        long[] nameKeys = new long[16];
        List<String>[] nameLists = newLists(16);
        int names;

        @SuppressWarnings("unchecked")
        private static List<String>[] newLists(int n) {
            return (List<String>[]) new List<?>[n];
        }

        List<String> sourceNames(List<String> sourceOrder, int all, int leaders) {
            long key = (long) all << 32 | (leaders & 0xffff_ffffL);
            for (int i = 0; i < names; i++) {
                if (nameKeys[i] == key) {
                    return nameLists[i];
                }
            }
            if (names == nameKeys.length) {
                nameKeys = Arrays.copyOf(nameKeys, 2 * names);
                nameLists = Arrays.copyOf(nameLists, 2 * names);
            }
            nameKeys[names] = key;
            return nameLists[names++] = CandidateMerger.sourceNames(sourceOrder, all, leaders);
        }

        Scratch reset(int capacity) {
            if (ids.length < capacity) {
                int c = Math.max(capacity, 2 * ids.length);
                ids = new String[c];
                score = new double[c];
                best = new double[c];
                sources = new int[c];
                leaders = new int[c];
                evidence = new float[c * EVIDENCE];
            }
            Arrays.fill(ids, 0, size, null);
            Arrays.fill(score, 0, size, 0);
            Arrays.fill(best, 0, size, 0);
            Arrays.fill(sources, 0, size, 0);
            Arrays.fill(leaders, 0, size, 0);
            Arrays.fill(evidence, 0, size * EVIDENCE, 0);
            size = 0;
            // The source order differs between merges, so a name list is only good for the merge that built it.
            Arrays.fill(nameLists, 0, names, null);
            names = 0;
            return this;
        }
    }
}
