package io.vitrine.recall;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.vitrine.feature.RecentItem;
import io.vitrine.feature.ScoredItem;

/**
 * Item-to-item recall: neighbours of the user's recent items and of the anchor item, each seed weighted by recency
 * ({@code 2^(-age / halfLife)}, or 1 for every seed with a zero half-life; the anchor counts as a fresh seed of double
 * weight). A candidate's score is the weighted sum of its similarities to the seeds. Used for co-occurrence
 * ({@code item_cf}), embedding ({@code embedding}) and EASE ({@code ease}) neighbour tables alike; for EASE, whose
 * score is the plain sum over the user's history, without decay.
 *
 * <p>
 * EASE sums 100 neighbours of up to 1,000 seeds: 100,000 additions per request. They run over the table's positions
 * ({@link NeighbourLists#neighbourIds}) into a per-thread array of sums, with the excluded items and the seeds marked
 * in a per-thread array, so a request neither hashes an id nor allocates per neighbour; only the {@code limit} best
 * become {@link ScoredItem}s. The sums are those of adding each seed's row in seed order.
 */
public final class NeighbourSource implements RecallSource {
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final String name;
    private final NeighbourLists table;
    private final int maxSeeds;
    private final double halfLifeMillis;

    /**
     * @param name the source name
     * @param table the neighbour lists the source sums
     * @param maxSeeds most recent history items used as seeds
     * @param halfLife recency half-life of seed weights; {@link java.time.Duration#ZERO} weighs every seed 1
     */
    public NeighbourSource(String name, NeighbourLists table, int maxSeeds, java.time.Duration halfLife) {
        this.name = name;
        this.table = table;
        this.maxSeeds = maxSeeds;
        if (halfLife.isNegative()) {
            throw new IllegalArgumentException("halfLife must not be negative");
        }
        this.halfLifeMillis = halfLife.toMillis();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ScoredItem> recall(RecallContext context, int limit) {
        Scratch s = SCRATCH.get();
        s.reset(table.idCount());
        try {
            return recall(context, limit, s);
        } finally {
            s.clear();
        }
    }

    private List<ScoredItem> recall(RecallContext context, int limit, Scratch s) {
        // The seeds, distinct, in order: the anchor, then the most recent items (a repeated item keeps its best
        // weight). Seeds the table does not know count towards maxSeeds but have no neighbours.
        Set<String> unknownSeeds = null;
        int seedCount = 0;
        int maxCount = maxSeeds + (context.anchorItemId().isPresent() ? 1 : 0);
        if (context.anchorItemId().isPresent()) {
            String anchor = context.anchorItemId().get();
            int at = table.id(anchor);
            if (at >= 0) {
                s.addSeed(at, 2.0);
            } else {
                unknownSeeds = new HashSet<>();
                unknownSeeds.add(anchor);
            }
            seedCount = 1;
        }
        long now = context.now().toEpochMilli();
        for (RecentItem item : context.history()) {
            if (seedCount >= maxCount) {
                break;
            }
            double age = Math.max(0, now - item.atMillis());
            double weight = halfLifeMillis == 0 ? 1 : Math.pow(2, -age / halfLifeMillis);
            int at = table.id(item.itemId());
            if (at >= 0) {
                if (s.mark[at] == Scratch.SEED) {
                    s.raiseSeed(at, weight);
                } else {
                    s.addSeed(at, weight);
                    seedCount++;
                }
            } else {
                if (unknownSeeds == null) {
                    unknownSeeds = new HashSet<>();
                }
                if (unknownSeeds.add(item.itemId())) {
                    seedCount++;
                }
            }
        }
        if (seedCount == 0) {
            return List.of();
        }
        for (String excluded : context.exclude()) {
            int at = table.id(excluded);
            if (at >= 0 && s.mark[at] == 0) {
                s.markExcluded(at);
            }
        }
        int[] offsets = table.offsetArray();
        int[] neighbours = table.neighbourIds();
        float[] similarity = table.scoreArray();
        for (int k = 0; k < s.seeds; k++) {
            int seed = s.seedIds[k];
            if (!table.hasList(seed)) {
                continue;
            }
            double weight = s.seedWeights[k];
            for (int p = offsets[seed], end = offsets[seed + 1]; p < end; p++) {
                int j = neighbours[p];
                byte mark = s.mark[j];
                if (mark == 0) {
                    s.mark[j] = Scratch.SCORED;
                    s.scored[s.scoredCount++] = j;
                    s.sum[j] = weight * similarity[p];
                } else if (mark == Scratch.SCORED) {
                    s.sum[j] += weight * similarity[p];
                }
            }
        }
        TopK best = new TopK(Math.min(limit, s.scoredCount), table.idArray());
        for (int k = 0; k < s.scoredCount; k++) {
            int j = s.scored[k];
            best.offer(j, s.sum[j]);
        }
        return best.bestFirst();
    }

    /**
     * One thread's working arrays, sized to the largest table it has summed: a mark and a sum per table position, and
     * the positions touched, to clear only those after a request.
     */
    private static final class Scratch {
        static final byte SEED = 1;
        static final byte EXCLUDED = 2;
        static final byte SCORED = 3;

        byte[] mark = new byte[0];
        double[] sum = new double[0];
        int[] scored = new int[0];
        int scoredCount;
        int[] touched = new int[0];
        int touchedCount;
        /** A seed's index in {@link #seedIds}, by table position (valid where the mark is {@link #SEED}). */
        int[] seedSlot = new int[0];
        int[] seedIds = new int[16];
        double[] seedWeights = new double[16];
        int seeds;

        void reset(int ids) {
            if (mark.length < ids) {
                mark = new byte[ids];
                sum = new double[ids];
                scored = new int[ids];
                touched = new int[ids];
                seedSlot = new int[ids];
            }
        }

        void addSeed(int at, double weight) {
            if (seeds == seedIds.length) {
                seedIds = java.util.Arrays.copyOf(seedIds, seeds * 2);
                seedWeights = java.util.Arrays.copyOf(seedWeights, seeds * 2);
            }
            seedSlot[at] = seeds;
            seedIds[seeds] = at;
            seedWeights[seeds++] = weight;
            mark[at] = SEED;
            touched[touchedCount++] = at;
        }

        void raiseSeed(int at, double weight) {
            int k = seedSlot[at];
            seedWeights[k] = Math.max(seedWeights[k], weight);
        }

        void markExcluded(int at) {
            mark[at] = EXCLUDED;
            touched[touchedCount++] = at;
        }

        void clear() {
            for (int k = 0; k < touchedCount; k++) {
                mark[touched[k]] = 0;
            }
            for (int k = 0; k < scoredCount; k++) {
                mark[scored[k]] = 0;
            }
            touchedCount = 0;
            scoredCount = 0;
            seeds = 0;
        }
    }
}
