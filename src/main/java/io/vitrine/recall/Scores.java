package io.vitrine.recall;

import java.util.ArrayDeque;
import java.util.List;

import io.vitrine.feature.ScoredItem;

/**
 * Item scores of one recall on the request path: sums per item id in open-addressed arrays, without a boxed value or a
 * map entry per item, and the best of them in the order every recall list uses (score descending, id ascending). Values
 * are summed in the order they are added.
 *
 * <p>
 * A request's sources each need a table of a few hundred to a few thousand slots, which allocated tens of kilobytes a
 * source and request; so tables are borrowed from a per-thread pool ({@link #borrow}) and given back by {@link #close}
 * (try-with-resources), which empties only the slots that were used. Nothing may hold a table after closing it: what
 * leaves a source is the list {@link #top} builds.
 */
final class Scores implements AutoCloseable {
    /** This thread's free tables; a source may hold two at once, and sources may nest. */
    private static final ThreadLocal<ArrayDeque<Scores>> POOL = ThreadLocal.withInitial(ArrayDeque::new);

    private String[] keys;
    private double[] values;
    /** The used slots, in the order their ids were first added. */
    private int[] used;
    private int size;
    private boolean borrowed;

    private Scores(int expected) {
        allocate(Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1);
    }

    /** An empty table for about {@code expected} ids, from this thread's pool; close it when done. */
    static Scores borrow(int expected) {
        Scores scores = POOL.get().poll();
        if (scores == null) {
            scores = new Scores(expected);
        }
        scores.borrowed = true;
        return scores;
    }

    /**
     * Empties the table and gives it back to this thread's pool.
     *
     * @throws IllegalStateException when it was already given back (two borrowers would then share it)
     */
    @Override
    public void close() {
        if (!borrowed) {
            throw new IllegalStateException("a score table was closed twice");
        }
        for (int i = 0; i < size; i++) {
            keys[used[i]] = null;
        }
        size = 0;
        borrowed = false;
        POOL.get().push(this);
    }

    private void allocate(int capacity) {
        keys = new String[capacity];
        values = new double[capacity];
        used = new int[capacity / 2 + 1];
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
            used[size] = slot;
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

    /** Calls {@code action} for every id and its score, in the order the ids were first added. */
    void forEach(Entry action) {
        for (int i = 0; i < size; i++) {
            action.accept(keys[used[i]], values[used[i]]);
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
        for (int i = 0; i < size; i++) {
            best.offer(used[i], values[used[i]]);
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
        int[] oldUsed = used;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < size; i++) {
            String id = oldKeys[oldUsed[i]];
            int slot = slot(id);
            keys[slot] = id;
            values[slot] = oldValues[oldUsed[i]];
            used[i] = slot;
        }
    }
}
