package io.vitrine.train;

import java.time.Instant;

/**
 * What a first pass over an events file found: enough to choose the example mode and the validation split before the
 * replay.
 *
 * @param events valid events
 * @param impressions how many of them are impressions
 * @param first time of the earliest event
 * @param last time of the latest event
 */
public record EventFileScan(long events, long impressions, Instant first, Instant last) {

    /** Impressions with click labels when the data has impressions, otherwise sampled negatives. */
    public ExampleOptions.Mode suggestedMode() {
        return impressions > 0 ? ExampleOptions.Mode.IMPRESSIONS : ExampleOptions.Mode.SAMPLED_NEGATIVES;
    }

    /** The instant that leaves the last {@code fraction} of the time range for validation. */
    public Instant splitAt(double fraction) {
        long span = last.toEpochMilli() - first.toEpochMilli();
        return Instant.ofEpochMilli(last.toEpochMilli() - (long) (span * fraction));
    }
}
