package io.vitrine.train;

import java.time.Duration;
import java.time.Instant;

/**
 * How examples are built from events.
 *
 * @param mode impressions with click labels, or positives with sampled negatives for data without impressions
 * @param attributionWindow how long after an impression an engagement with its item counts as its click
 * @param negativesPerPositive sampled negatives per positive ({@link Mode#SAMPLED_NEGATIVES} only)
 * @param negativeKeepRate fraction of impression negatives kept (positives are always kept), to bound memory
 * @param validationFrom examples at or after this time are validation examples and produce ranking cases
 * @param caseCandidates candidates per ranking case (the engaged item plus sampled others)
 * @param maxCases most ranking cases kept (reservoir sample)
 * @param seed random seed of all sampling
 */
public record ExampleOptions(Mode mode, Duration attributionWindow, int negativesPerPositive,
        double negativeKeepRate, Instant validationFrom, int caseCandidates, int maxCases, long seed) {

    public ExampleOptions {
        if (negativeKeepRate <= 0 || negativeKeepRate > 1) {
            throw new IllegalArgumentException("negativeKeepRate must be in (0, 1]");
        }
        if (caseCandidates < 2 || negativesPerPositive < 1 || maxCases < 0) {
            throw new IllegalArgumentException("need at least 2 candidates per case and 1 negative per positive");
        }
    }

    /** How labels are obtained. */
    public enum Mode {
        /** One example per impression; positive if the user engaged with the item within the window. */
        IMPRESSIONS,
        /** For data without impressions: one positive per engagement plus sampled items as negatives. */
        SAMPLED_NEGATIVES
    }
}
