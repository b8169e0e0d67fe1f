package io.vitrine.recall;

import java.util.List;

import io.vitrine.feature.ScoredItem;

/**
 * Item scores of one recall on the request path: sums per item id in open-addressed arrays, without a boxed value or a
 * map entry per item, and the best of them in the order every recall list uses (score descending, id ascending). Values
 * are summed in the order they are added.
 */
final class Scores {
    private String[] keys;
    private double[] values;
    private int size;

    Scores(int expected) {
        int capacity = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1;
        keys = new String[capacity];
        values = new double[capacity];
    }

    /** Adds {@code value} to the score of {@code id} (0 before the first add). */
    void add(String id, double value) {
        update(id, value, true);
    }

    /** Sets the score of {@code id}. */
    void put(String id, double value) {
        update(id, value, false);
    }

    private void update(String id, double value, boolean add) {
        int slot = slot(id);
        if (keys[slot] == null) {
            keys[slot] = id;
            values[slot] = value;
            if (++size * 2 > keys.length) {
                grow();
            }
        } else {
            values[slot] = add ? values[slot] + value : value;
        }
    }

    int size() {
        return size;
    }

    /** The score of {@code id}, or {@code absent} when it has none. */
    double get(String id, double absent) {
        int slot = slot(id);
        return keys[slot] == null ? absent : values[slot];
    }

    /** Calls {@code action} for every id and its score, in no particular order. */
    void forEach(Entry action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                action.accept(keys[i], values[i]);
            }
        }
    }

    /** One id and its score. */
    @FunctionalInterface
    interface Entry {
        void accept(String id, double score);
    }

    /** The {@code limit} best, best first; ties by id. */
    List<ScoredItem> top(int limit) {
        TopK best = new TopK(Math.min(limit, size), keys);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                best.offer(i, values[i]);
            }
        }
        return best.bestFirst();
    }

    /** Best score first, ties by id. */
    static int compare(ScoredItem a, ScoredItem b) {
        int byScore = Double.compare(b.score(), a.score());
        return byScore != 0 ? byScore : a.itemId().compareTo(b.itemId());
    }

    private int slot(String id) {
        int mask = keys.length - 1;
        int h = id.hashCode();
        int slot = (h ^ (h >>> 16)) & mask;
        while (keys[slot] != null && !keys[slot].equals(id)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        String[] oldKeys = keys;
        double[] oldValues = values;
        keys = new String[oldKeys.length * 2];
        values = new double[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = slot(oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
