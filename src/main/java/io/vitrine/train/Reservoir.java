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
        seen++;
        if (sample.size() < capacity) {
            sample.add(element);
        } else {
            long j = random.nextLong(seen);
            if (j < capacity) {
                sample.set((int) j, element);
            }
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
