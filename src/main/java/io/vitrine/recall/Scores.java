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
        Best best = new Best(Math.min(limit, size));
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                best.offer(keys[i], values[i]);
            }
        }
        return best.bestFirst();
    }

    /**
     * The {@code k} best of the (id, score) pairs offered, in the order of {@link #compare}: a min-heap whose root is
     * the weakest kept pair, so a request keeps its top 200 of 1,000 scored items with O(n log k) comparisons and
     * allocates only the k results, where sorting all would compare O(n log n) times and box every item.
     */
    static final class Best {
        private final String[] ids;
        private final double[] scores;
        private final int[] tags;
        private int size;

        Best(int k) {
            ids = new String[Math.max(0, k)];
            scores = new double[ids.length];
            tags = new int[ids.length];
        }

        void offer(String id, double score) {
            offer(id, score, 0);
        }

        /** Offers a pair with a tag of the caller's (e.g. where the pair's other data is). */
        void offer(String id, double score, int tag) {
            if (size < ids.length) {
                ids[size] = id;
                scores[size] = score;
                tags[size] = tag;
                up(size++);
            } else if (size > 0 && weaker(ids[0], scores[0], id, score)) {
                ids[0] = id;
                scores[0] = score;
                tags[0] = tag;
                down(0);
            }
        }

        /** The tags of the kept pairs, best first, into {@code out}; returns how many. Empties the heap. */
        int drainTags(int[] out) {
            int n = size;
            for (int pos = n - 1; pos >= 0; pos--) {
                out[pos] = tags[0];
                pop();
            }
            return n;
        }

        private void pop() {
            size--;
            ids[0] = ids[size];
            scores[0] = scores[size];
            tags[0] = tags[size];
            ids[size] = null;
            down(0);
        }

        /** The kept pairs, best first. Empties the heap. */
        List<ScoredItem> bestFirst() {
            ScoredItem[] out = new ScoredItem[size];
            for (int pos = size - 1; pos >= 0; pos--) {
                out[pos] = new ScoredItem(ids[0], scores[0]);
                pop();
            }
            return List.of(out);
        }

        /** Whether (a, sa) ranks below (b, sb) in the order of {@link #compare}. */
        private static boolean weaker(String a, double sa, String b, double sb) {
            int byScore = Double.compare(sb, sa);
            return byScore != 0 ? byScore > 0 : a.compareTo(b) > 0;
        }

        private void up(int pos) {
            while (pos > 0) {
                int parent = (pos - 1) >>> 1;
                if (!weaker(ids[pos], scores[pos], ids[parent], scores[parent])) {
                    return;
                }
                swap(pos, parent);
                pos = parent;
            }
        }

        private void down(int pos) {
            while (true) {
                int left = 2 * pos + 1;
                if (left >= size) {
                    return;
                }
                int weakest = left;
                if (left + 1 < size && weaker(ids[left + 1], scores[left + 1], ids[left], scores[left])) {
                    weakest = left + 1;
                }
                if (!weaker(ids[weakest], scores[weakest], ids[pos], scores[pos])) {
                    return;
                }
                swap(pos, weakest);
                pos = weakest;
            }
        }

        private void swap(int a, int b) {
            String id = ids[a];
            ids[a] = ids[b];
            ids[b] = id;
            double score = scores[a];
            scores[a] = scores[b];
            scores[b] = score;
            int tag = tags[a];
            tags[a] = tags[b];
            tags[b] = tag;
        }
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
