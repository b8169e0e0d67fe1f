package io.vitrine.recall;

/**
 * Open-addressing hash map from an item pair to (co-occurrence weight, support) on primitive arrays: 16 bytes per slot,
 * no boxing. Keys are {@code (low << 32) | high} with {@code low < high}, so 0 never occurs and marks an empty slot.
 * Linear probing; the table doubles at 60% load and holds at most 2^30 slots (about 640 million pairs).
 */
final class PairCounts {
    private static final int MAX_CAPACITY = 1 << 30;

    private long[] keys;
    private float[] weights;
    private int[] supports;
    private int size;
    private int shift;

    PairCounts() {
        allocate(1 << 12);
    }

    static long key(int a, int b) {
        int low = Math.min(a, b);
        int high = Math.max(a, b);
        return ((long) low << 32) | high;
    }

    static int low(long key) {
        return (int) (key >>> 32);
    }

    static int high(long key) {
        return (int) key;
    }

    /** Adds {@code weight} and {@code support} to the pair's counts. */
    void add(long key, float weight, int support) {
        int slot = slotOf(key);
        if (keys[slot] == 0) {
            if (size + 1 > keys.length * 0.6) {
                grow();
                slot = slotOf(key);
            }
            keys[slot] = key;
            size++;
        }
        weights[slot] += weight;
        supports[slot] += support;
    }

    int size() {
        return size;
    }

    /** Number of slots; iterate {@code 0..capacity()} and skip slots whose key is 0. */
    int capacity() {
        return keys.length;
    }

    long keyAt(int slot) {
        return keys[slot];
    }

    float weightAt(int slot) {
        return weights[slot];
    }

    int supportAt(int slot) {
        return supports[slot];
    }

    private int slotOf(long key) {
        int mask = keys.length - 1;
        // Fibonacci hashing: the high bits of the product spread consecutive item ids well.
        int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        weights = new float[capacity];
        supports = new int[capacity];
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }

    private void grow() {
        if (keys.length >= MAX_CAPACITY) {
            throw new IllegalStateException("more item pairs than the co-occurrence table can hold ("
                    + size + "); lower historySize or shorten the window");
        }
        long[] oldKeys = keys;
        float[] oldWeights = weights;
        int[] oldSupports = supports;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = slotOf(oldKeys[i]);
                keys[slot] = oldKeys[i];
                weights[slot] = oldWeights[i];
                supports[slot] = oldSupports[i];
            }
        }
    }
}
