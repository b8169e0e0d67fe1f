package io.vitrine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A uniform sample of at most {@code capacity} elements of a stream of unknown length (Vitter's algorithm R), so the
 * memory of training is bounded by its example budget however many events are replayed.
 *
 * @param <T> element type
 */
public final class Reservoir<T> {
    private final int capacity;
    private final SplittableRandom random;
    private final List<T> sample;
    private long seen;

    public Reservoir(int capacity, long seed) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.random = new SplittableRandom(seed);
        this.sample = new ArrayList<>(Math.min(capacity, 1 << 16));
    }

    public void add(T element) {
        int slot = admit();
        if (slot >= 0) {
            put(slot, element);
        }
    }

    /**
     * Counts one more element and says where it goes: the index to {@link #put} it at, or -1 when it is not kept. Lets
     * a caller skip building an element the sample will not keep.
     */
    public int admit() {
        seen++;
        if (sample.size() < capacity) {
            return sample.size();
        }
        long j = random.nextLong(seen);
        return j < capacity ? (int) j : -1;
    }

    /** Stores an element at a slot {@link #admit} gave. */
    public void put(int slot, T element) {
        if (slot == sample.size()) {
            sample.add(element);
        } else {
            sample.set(slot, element);
        }
    }

    /** How many elements were offered. */
    public long seen() {
        return seen;
    }

    /** The sample (all elements while fewer than the capacity were offered). */
    public List<T> sample() {
        return sample;
    }
}
