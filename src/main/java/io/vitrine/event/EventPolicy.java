package io.vitrine.event;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The acceptance rules for events.
 *
 * @param maxBatchSize most events in one call
 * @param maxFutureSkew how far in the future a timestamp may lie (client clocks drift)
 * @param maxAge how old an event may be; empty for historical imports, which accept any age
 */
public record EventPolicy(int maxBatchSize, Duration maxFutureSkew, Optional<Duration> maxAge) {

    public EventPolicy {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1");
        }
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        Objects.requireNonNull(maxAge, "maxAge");
    }

    /** The same rules without an age limit, for loading historical events. */
    public EventPolicy forHistoricalImport() {
        return new EventPolicy(maxBatchSize, maxFutureSkew, Optional.empty());
    }
}
