package io.vitrine.recall;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A dense vector per item (for example the item factors of {@link ImplicitAls}), stored as one row-major float array.
 * Immutable.
 *
 * <p>
 * {@link #nearestNeighbours(int, int)} is exact brute force: every item against every other, {@code items² ×
 * dimension} multiply-adds, split over threads. That is well under a minute for 50k items of dimension 32 on two cores;
 * beyond a few hundred thousand items an approximate index would be needed instead.
 */
public final class ItemEmbeddings {
    private static final ItemEmbeddings EMPTY = new ItemEmbeddings(new String[0], 0, new float[0]);

    private final String[] items;
    private final int dimension;
    private final float[] vectors;
    private final Map<String, Integer> positions;

    /**
     * Takes ownership of the arrays: item {@code items[i]} has vector {@code vectors[i*dimension .. (i+1)*dimension)}.
     *
     * @throws IllegalArgumentException if sizes disagree, an item is listed twice or a value is not finite
     */
    ItemEmbeddings(String[] items, int dimension, float[] vectors) {
        if (dimension < 0 || (items.length > 0 && dimension == 0)
                || (long) items.length * dimension != vectors.length) {
            throw new IllegalArgumentException("embedding sizes do not match: " + items.length + " items, dimension "
                    + dimension + ", " + vectors.length + " values");
        }
        for (float v : vectors) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("embedding values must be finite");
            }
        }
        Map<String, Integer> index = new HashMap<>(Math.max(16, items.length * 4 / 3 + 1));
        for (int i = 0; i < items.length; i++) {
            if (index.put(Objects.requireNonNull(items[i], "item id"), i) != null) {
                throw new IllegalArgumentException("item listed twice: " + items[i]);
            }
        }
        this.items = items;
        this.dimension = dimension;
        this.vectors = vectors;
        this.positions = index;
    }

    /** No items, dimension 0. */
    public static ItemEmbeddings empty() {
        return EMPTY;
    }

    /** Embeddings from copies of the given ids and row-major vectors. */
    public static ItemEmbeddings of(List<String> items, int dimension, float[] vectors) {
        return new ItemEmbeddings(items.toArray(String[]::new), dimension, vectors.clone());
    }

    public int itemCount() {
        return items.length;
    }

    public int dimension() {
        return dimension;
    }

    public List<String> items() {
        return Collections.unmodifiableList(Arrays.asList(items));
    }

    /** A copy of the item's vector, if it has one. */
    public Optional<float[]> vector(String itemId) {
        Integer i = positions.get(itemId);
        return i == null
                ? Optional.empty()
                : Optional.of(Arrays.copyOfRange(vectors, i * dimension, (i + 1) * dimension));
    }

    /** {@link #nearestNeighbours(int, int)} on one thread per available processor. */
    public NeighbourLists nearestNeighbours(int k) {
        return nearestNeighbours(k, Runtime.getRuntime().availableProcessors());
    }

    /**
     * For every item, the {@code k} other items with the highest cosine similarity, best first, ties broken by item id.
     * Items whose vector is all zeros have no cosine and are left out (neither get nor appear in lists). The table
     * keeps the embedding order of items.
     */
    public NeighbourLists nearestNeighbours(int k, int threads) {
        if (k < 1 || threads < 1) {
            throw new IllegalArgumentException("k and threads must be at least 1");
        }
        int n = items.length;
        int d = dimension;
        float[] unit = new float[vectors.length];
        boolean[] usable = new boolean[n];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int e = 0; e < d; e++) {
                norm += (double) vectors[i * d + e] * vectors[i * d + e];
            }
            if (norm > 0) {
                usable[i] = true;
                double scale = 1 / Math.sqrt(norm);
                for (int e = 0; e < d; e++) {
                    unit[i * d + e] = (float) (vectors[i * d + e] * scale);
                }
            }
        }
        int keep = Math.max(0, Math.min(k, n - 1));
        int[] found = new int[Math.multiplyExact(n, keep)];
        float[] scores = new float[found.length];
        int[] counts = new int[n];
        try (Parallel parallel = new Parallel(threads)) {
            parallel.forEachChunk(n, worker -> {
                TopK top = new TopK(keep, items);
                return (from, to) -> {
                    for (int i = from; i < to; i++) {
                        if (!usable[i]) {
                            continue;
                        }
                        top.clear();
                        int ib = i * d;
                        for (int j = 0; j < n; j++) {
                            if (j != i && usable[j]) {
                                top.offer(j, dot(unit, ib, j * d, d));
                            }
                        }
                        counts[i] = top.drainBestFirst(found, scores, i * keep);
                    }
                };
            });
        }
        int withLists = 0;
        int total = 0;
        for (int i = 0; i < n; i++) {
            if (counts[i] > 0) {
                withLists++;
                total += counts[i];
            }
        }
        String[] tableItems = new String[withLists];
        int[] offsets = new int[withLists + 1];
        String[] neighbours = new String[total];
        float[] tableScores = new float[total];
        int row = 0;
        int p = 0;
        for (int i = 0; i < n; i++) {
            if (counts[i] == 0) {
                continue;
            }
            tableItems[row] = items[i];
            for (int q = 0; q < counts[i]; q++) {
                neighbours[p] = items[found[i * keep + q]];
                tableScores[p++] = scores[i * keep + q];
            }
            offsets[++row] = p;
        }
        return new NeighbourLists(tableItems, offsets, neighbours, tableScores);
    }

    /** Dot product with four accumulators, which lets the CPU overlap the additions. */
    private static float dot(float[] v, int a, int b, int d) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int e = 0;
        for (; e + 3 < d; e += 4) {
            s0 += v[a + e] * v[b + e];
            s1 += v[a + e + 1] * v[b + e + 1];
            s2 += v[a + e + 2] * v[b + e + 2];
            s3 += v[a + e + 3] * v[b + e + 3];
        }
        for (; e < d; e++) {
            s0 += v[a + e] * v[b + e];
        }
        return (s0 + s1) + (s2 + s3);
    }

    String[] itemArray() {
        return items;
    }

    float[] vectorArray() {
        return vectors;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ItemEmbeddings other && dimension == other.dimension && Arrays.equals(items, other.items)
                && Arrays.equals(vectors, other.vectors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dimension, Arrays.hashCode(items), Arrays.hashCode(vectors));
    }

    @Override
    public String toString() {
        return "ItemEmbeddings[items=" + items.length + ", dimension=" + dimension + "]";
    }
}
