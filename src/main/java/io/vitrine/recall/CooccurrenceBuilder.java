package io.vitrine.recall;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the item-to-item co-occurrence neighbour table from a stream of interactions in time order ("users who bought
 * this also bought").
 *
 * <p>
 * <b>State.</b> Per user, the most recently used {@code historySize} distinct items, each with the user's accumulated
 * weight {@code r} on it and the time it was last used; when a new item arrives at a full history, the least recently
 * used item is forgotten (its weight with it: if it comes back it starts again from 0). Per item, the squared norm
 * {@code n}; per item pair, the co-occurrence weight {@code c} and the support {@code s}. Memory is therefore about
 * {@code users × historySize × (16 + 8⌈historySize/64⌉)} bytes plus, for the pair table, 16 bytes per slot at 30-60%
 * load, i.e. 27-54 bytes per distinct co-occurring pair.
 *
 * <p>
 * <b>Counting.</b> When user u interacts with item i with weight w at time t:
 * <ol>
 * <li>for every other item j in u's history with {@code t - lastUsed(u,j) <= window}: {@code c(i,j) += w × r(u,j)}; if
 * this is the first such co-occurrence of i and j in u's history, {@code s(i,j) += 1};</li>
 * <li>{@code n(i) += (r(u,i) + w)² - r(u,i)²}, then {@code r(u,i) += w} and {@code lastUsed(u,i) = t}.</li>
 * </ol>
 * Without window and forgetting this gives exactly {@code c(i,j) = Σ_u R(u,i) R(u,j)} and {@code n(i) = Σ_u R(u,i)²}
 * for the total weights R, i.e. the dot product and squared norms of the weighted user-item vectors; {@code s(i,j)} is
 * the number of users who used both. The pair is unordered: whichever item came first, both get the other as a
 * neighbour.
 *
 * <p>
 * <b>Similarity.</b> For pairs with {@code s(i,j) >= minSupport}:
 *
 * <pre>
 * sim(i,j) = min(1, c / sqrt(n(i) × n(j))) × c / (c + shrink)
 * </pre>
 *
 * the cosine of the two item vectors, damped for pairs with little evidence. The cosine is at most 1 except when a
 * forgotten item returns while its partner stayed in the history (the pair is then counted for both of its episodes but
 * each episode's norm only once); the {@code min} caps that case. Each item keeps its {@code topK} most similar items,
 * ties broken by item id.
 *
 * <p>
 * Not thread-safe: feed it from one thread.
 */
public final class CooccurrenceBuilder {
    private final CooccurrenceSettings settings;
    private final long windowMillis;
    private final int words;
    private final IdIndex items = new IdIndex();
    private final Map<String, History> histories = new HashMap<>();
    private final PairCounts pairs = new PairCounts();
    private double[] norms = new double[256];
    private long interactions;

    public CooccurrenceBuilder(CooccurrenceSettings settings) {
        this.settings = settings;
        this.windowMillis = settings.windowMillis();
        this.words = (settings.historySize() + 63) >>> 6;
    }

    /** A builder with {@link CooccurrenceSettings#defaults()}. */
    public CooccurrenceBuilder() {
        this(CooccurrenceSettings.defaults());
    }

    public CooccurrenceSettings settings() {
        return settings;
    }

    /**
     * Counts one interaction.
     *
     * @throws IllegalArgumentException if it is older than an earlier interaction of the same user (the window and the
     *             recency cap assume time order)
     */
    public void accept(Interaction interaction) {
        History history = histories.get(interaction.userId());
        if (history == null) {
            history = new History();
            histories.put(interaction.userId(), history);
        } else if (interaction.atMillis() < history.latestAt) {
            throw new IllegalArgumentException("interactions of user " + interaction.userId()
                    + " must arrive in time order");
        }
        int item = items.intern(interaction.itemId());
        if (item >= norms.length) {
            norms = Arrays.copyOf(norms, norms.length * 2);
        }
        history.record(item, (float) interaction.weight(), interaction.atMillis());
        interactions++;
    }

    /** Interactions counted so far. */
    public long interactionCount() {
        return interactions;
    }

    /** Distinct users seen. */
    public int userCount() {
        return histories.size();
    }

    /** Distinct items seen. */
    public int itemCount() {
        return items.size();
    }

    /** Distinct item pairs that co-occurred at least once (before the support filter). */
    public int pairCount() {
        return pairs.size();
    }

    /**
     * The raw counts so far, for summing the counts of several builders fed with disjoint sets of users (the Spark
     * trainer runs one per partition of users): every pair (its two items in name order) with its co-occurrence weight
     * {@code c} and support {@code s}, and every item's squared norm {@code n}. Since a user's history is all a builder
     * keeps per user, the sums over builders equal the counts of one builder fed every user (up to the order of
     * floating-point additions).
     */
    public void exportCounts(PairSink pairSink, NormSink normSink) {
        String[] names = items.toArray();
        for (int slot = 0; slot < pairs.capacity(); slot++) {
            long key = pairs.keyAt(slot);
            if (key != 0) {
                String a = names[PairCounts.low(key)];
                String b = names[PairCounts.high(key)];
                // By name, not by this builder's item numbering, so that the pairs of several builders match.
                boolean ordered = a.compareTo(b) < 0;
                pairSink.accept(ordered ? a : b, ordered ? b : a, pairs.weightAt(slot), pairs.supportAt(slot));
            }
        }
        for (int i = 0; i < names.length; i++) {
            normSink.accept(names[i], norms[i]);
        }
    }

    /**
     * The similarity of a pair from its summed counts ({@link #exportCounts}), as {@link #build()} scores it, or NaN
     * when its support is below {@code minSupport}.
     */
    public static float similarity(CooccurrenceSettings settings, double c, long support, double normA, double normB) {
        if (support < settings.minSupport()) {
            return Float.NaN;
        }
        double cosine = Math.min(1.0, c / Math.sqrt(normA * normB));
        return (float) (cosine * c / (c + settings.shrink()));
    }

    /** Receives a pair's counts. */
    @FunctionalInterface
    public interface PairSink {
        void accept(String itemA, String itemB, double weight, long support);
    }

    /** Receives an item's squared norm. */
    @FunctionalInterface
    public interface NormSink {
        void accept(String item, double norm);
    }

    /** The neighbour table for the interactions so far, items in id order. Does not change the builder's state. */
    public NeighbourLists build() {
        String[] names = items.toArray();
        TopK[] best = new TopK[names.length];
        for (int slot = 0; slot < pairs.capacity(); slot++) {
            long key = pairs.keyAt(slot);
            if (key == 0 || pairs.supportAt(slot) < settings.minSupport()) {
                continue;
            }
            int i = PairCounts.low(key);
            int j = PairCounts.high(key);
            float similarity = similarity(settings, pairs.weightAt(slot), pairs.supportAt(slot), norms[i], norms[j]);
            offer(best, names, i, j, similarity);
            offer(best, names, j, i, similarity);
        }

        Integer[] order = new Integer[names.length];
        int withLists = 0;
        int total = 0;
        for (int i = 0; i < names.length; i++) {
            if (best[i] != null) {
                order[withLists++] = i;
                total += best[i].size();
            }
        }
        Arrays.sort(order, 0, withLists, (a, b) -> names[a].compareTo(names[b]));
        String[] tableItems = new String[withLists];
        int[] offsets = new int[withLists + 1];
        int[] neighbourIds = new int[total];
        float[] scores = new float[total];
        for (int p = 0; p < withLists; p++) {
            int i = order[p];
            tableItems[p] = names[i];
            offsets[p + 1] = offsets[p] + best[i].drainBestFirst(neighbourIds, scores, offsets[p]);
        }
        String[] neighbours = new String[total];
        for (int p = 0; p < total; p++) {
            neighbours[p] = names[neighbourIds[p]];
        }
        return new NeighbourLists(tableItems, offsets, neighbours, scores);
    }

    private void offer(TopK[] best, String[] names, int item, int neighbour, float similarity) {
        TopK top = best[item];
        if (top == null) {
            top = new TopK(settings.topK(), names);
            best[item] = top;
        }
        top.offer(neighbour, similarity);
    }

    /** One user's recent distinct items; arrays grow up to historySize. */
    private final class History {
        private int size;
        private int[] itemIds = new int[4];
        private float[] weights = new float[4];
        private long[] lastUsed = new long[4];
        /** Row per slot, {@code words} longs: bit s set once the slot's item co-occurred with slot s's item. */
        private long[] paired = new long[4 * words];
        private long latestAt = Long.MIN_VALUE;

        void record(int item, float weight, long at) {
            int slot = find(item);
            float before = 0;
            if (slot < 0) {
                slot = allocate();
                itemIds[slot] = item;
            } else {
                before = weights[slot];
            }
            for (int other = 0; other < size; other++) {
                if (other == slot || at - lastUsed[other] > windowMillis) {
                    continue;
                }
                int support = 0;
                if (!isPaired(slot, other)) {
                    setPaired(slot, other);
                    setPaired(other, slot);
                    support = 1;
                }
                pairs.add(PairCounts.key(item, itemIds[other]), weight * weights[other], support);
            }
            float after = before + weight;
            norms[item] += (double) after * after - (double) before * before;
            weights[slot] = after;
            lastUsed[slot] = at;
            latestAt = at;
        }

        private int find(int item) {
            for (int s = 0; s < size; s++) {
                if (itemIds[s] == item) {
                    return s;
                }
            }
            return -1;
        }

        /** A cleared slot for a new item: the next free one, else the least recently used one. */
        private int allocate() {
            int slot;
            if (size < settings.historySize()) {
                if (size == itemIds.length) {
                    int capacity = Math.min(settings.historySize(), size * 2);
                    itemIds = Arrays.copyOf(itemIds, capacity);
                    weights = Arrays.copyOf(weights, capacity);
                    lastUsed = Arrays.copyOf(lastUsed, capacity);
                    paired = Arrays.copyOf(paired, capacity * words);
                }
                slot = size++;
            } else {
                slot = 0;
                for (int s = 1; s < size; s++) {
                    if (lastUsed[s] < lastUsed[slot]) {
                        slot = s;
                    }
                }
                // The evicted item's co-occurrence marks must not carry over to the slot's new item.
                for (int s = 0; s < size; s++) {
                    paired[s * words + (slot >>> 6)] &= ~(1L << (slot & 63));
                }
            }
            Arrays.fill(paired, slot * words, (slot + 1) * words, 0L);
            weights[slot] = 0;
            return slot;
        }

        private boolean isPaired(int slot, int other) {
            return (paired[slot * words + (other >>> 6)] & (1L << (other & 63))) != 0;
        }

        private void setPaired(int slot, int other) {
            paired[slot * words + (other >>> 6)] |= 1L << (other & 63);
        }
    }
}
