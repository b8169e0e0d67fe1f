package io.vitrine.feature;

import java.time.Duration;

/**
 * One storage operation produced by {@link FeatureUpdater}. The set is deliberately small and order-insensitive
 * (increments, maxima, idempotent puts) so that every store applies it the same way and concurrent batches commute.
 */
public sealed interface FeatureUpdate {

    /** Adds {@code delta} to a numeric hash field (created at 0). */
    record Increment(EntityRef entity, String field, double delta) implements FeatureUpdate {
    }

    /** Sets a numeric hash field to {@code value} if that is larger than its current value. */
    record Maximum(EntityRef entity, String field, double value) implements FeatureUpdate {
    }

    /** Sets a hash field (last writer wins; used only for descriptive fields such as the device). */
    record Put(EntityRef entity, String field, String value) implements FeatureUpdate {
    }

    /** Deletes a hash field (an expired decay generation). */
    record Remove(EntityRef entity, String field) implements FeatureUpdate {
    }

    /**
     * Records that the user touched an item at a time; keeps the latest time per item and only the {@code cap} most
     * recent items.
     */
    record Remember(String userId, RecentList list, String itemId, long atMillis, int cap)
            implements
                FeatureUpdate {
    }

    /** Adds {@code delta} to an item's score in a trending list of one decay generation. */
    record Trend(String scope, int generation, String itemId, double delta, Duration retention)
            implements
                FeatureUpdate {
    }
}
