package io.vitrine.recall;

import java.util.List;

import io.vitrine.feature.ScoredItem;

/**
 * Bounded top-K selection of (index, score) pairs on primitive arrays: a min-heap whose root is the weakest kept entry,
 * so offering costs O(log K) and nothing is boxed. The order is every recall list's: score descending
 * ({@link Double#compare}), ties by name ascending, so results do not depend on the order in which candidates arrive.
 * The trainer keeps each item's neighbours with it; the request path each source's best and the merged list (a request
 * keeps its 200 best of 1,000 scored items with O(n log k) comparisons, where sorting all would take O(n log n) and box
 * every item).
 */
final class TopK {
    private final int k;
    private final String[] names;
    private final int[] index;
    private final double[] score;
    private int size;

    /** @param names resolves an index to its name, for tie-breaking */
    TopK(int k, String[] names) {
        this.k = k;
        this.names = names;
        this.index = new int[k];
        this.score = new double[k];
    }

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    /** Offers a candidate; returns whether it was kept. */
    boolean offer(int candidate, double candidateScore) {
        if (k == 0) {
            return false;
        }
        if (size < k) {
            index[size] = candidate;
            score[size] = candidateScore;
            siftUp(size++);
            return true;
        }
        if (!weaker(index[0], score[0], candidate, candidateScore)) {
            return false;
        }
        index[0] = candidate;
        score[0] = candidateScore;
        siftDown(0);
        return true;
    }

    /**
     * Writes the kept entries, best first, into the arrays at {@code offset} and returns how many were written. Empties
     * the heap.
     */
    int drainBestFirst(int[] outIndex, float[] outScore, int offset) {
        int n = size;
        // Popping the weakest repeatedly fills the output from the back.
        for (int pos = n - 1; pos >= 0; pos--) {
            outIndex[offset + pos] = index[0];
            outScore[offset + pos] = (float) score[0];
            pop();
        }
        return n;
    }

    /** The kept indices, best first, into {@code out}; returns how many. Empties the heap. */
    int drainBestFirst(int[] out) {
        int n = size;
        for (int pos = n - 1; pos >= 0; pos--) {
            out[pos] = index[0];
            pop();
        }
        return n;
    }

    /** The kept entries as items (named by {@code names}), best first. Empties the heap. */
    List<ScoredItem> bestFirst() {
        ScoredItem[] out = new ScoredItem[size];
        for (int pos = size - 1; pos >= 0; pos--) {
            out[pos] = new ScoredItem(names[index[0]], score[0]);
            pop();
        }
        return List.of(out);
    }

    private void pop() {
        size--;
        if (size > 0) {
            index[0] = index[size];
            score[0] = score[size];
            siftDown(0);
        }
    }

    /** Whether entry a ranks below entry b: lower score, or equal score and a later name. */
    private boolean weaker(int a, double scoreA, int b, double scoreB) {
        int byScore = Double.compare(scoreA, scoreB);
        return byScore != 0 ? byScore < 0 : names[a].compareTo(names[b]) > 0;
    }

    private void siftUp(int pos) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!weaker(index[pos], score[pos], index[parent], score[parent])) {
                return;
            }
            swap(pos, parent);
            pos = parent;
        }
    }

    private void siftDown(int pos) {
        while (true) {
            int left = 2 * pos + 1;
            if (left >= size) {
                return;
            }
            int weakest = left;
            int right = left + 1;
            if (right < size && weaker(index[right], score[right], index[left], score[left])) {
                weakest = right;
            }
            if (!weaker(index[weakest], score[weakest], index[pos], score[pos])) {
                return;
            }
            swap(pos, weakest);
            pos = weakest;
        }
    }

    private void swap(int a, int b) {
        int i = index[a];
        index[a] = index[b];
        index[b] = i;
        double s = score[a];
        score[a] = score[b];
        score[b] = s;
    }
}
