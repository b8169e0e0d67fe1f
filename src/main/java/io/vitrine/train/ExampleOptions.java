package io.vitrine.train;

import java.time.Duration;
import java.time.Instant;

/**
 * How examples are built from events.
 *
 * @param mode impressions with click labels, or positives with sampled negatives for data without impressions
 * @param attributionWindow how long after an impression an engagement with its item counts as its click
 * @param negativesPerPositive sampled negatives per positive ({@link Mode#SAMPLED_NEGATIVES} and
 *            {@link Mode#RECALL_NEGATIVES} only)
 * @param negativeKeepRate fraction of impression negatives kept (positives are always kept), to bound memory
 * @param validationFrom examples at or after this time are validation examples and produce ranking cases
 * @param caseCandidates candidates per ranking case (the engaged item plus sampled others, drawn like the negatives)
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

    /**
     * The defaults: a 30-minute attribution window, 4 drawn negatives per positive, every impression negative kept,
     * ranking cases of 100 candidates, at most 2,000 of them, seed 1.
     *
     * @param mode how labels are obtained (see {@link EventFileScan#suggestedMode()})
     * @param validationFrom examples at or after this time are validation examples
     */
    public static ExampleOptions defaults(Mode mode, Instant validationFrom) {
        return new ExampleOptions(mode, Duration.ofMinutes(30), 4, 1.0, validationFrom, 100, 2000, 1);
    }

    public ExampleOptions withAttributionWindow(Duration attributionWindow) {
        return new ExampleOptions(mode, attributionWindow, negativesPerPositive, negativeKeepRate, validationFrom,
                caseCandidates, maxCases, seed);
    }

    public ExampleOptions withNegativeKeepRate(double negativeKeepRate) {
        return new ExampleOptions(mode, attributionWindow, negativesPerPositive, negativeKeepRate, validationFrom,
                caseCandidates, maxCases, seed);
    }

    public ExampleOptions withMaxCases(int maxCases) {
        return new ExampleOptions(mode, attributionWindow, negativesPerPositive, negativeKeepRate, validationFrom,
                caseCandidates, maxCases, seed);
    }

    public ExampleOptions withSeed(long seed) {
        return new ExampleOptions(mode, attributionWindow, negativesPerPositive, negativeKeepRate, validationFrom,
                caseCandidates, maxCases, seed);
    }

    /** How labels are obtained. */
    public enum Mode {
        /** One example per impression; positive if the user engaged with the item within the window. */
        IMPRESSIONS,
        /**
         * For data without impressions: one positive per engagement plus items sampled uniformly from the catalog as
         * negatives. The ranker learns "engaged vs random item", which is mostly popularity.
         */
        SAMPLED_NEGATIVES,
        /**
         * For data without impressions: one positive per engagement plus negatives drawn uniformly from the candidates
         * the recall sources produce for that user at that time (from the user's history as of the event), the lists
         * the ranker orders when serving. The ranker learns "which of these plausible candidates", not "popular vs
         * random". Falls back to uniform catalog items when recall yields too few candidates. The recall tables are
         * built from the whole training window, so they only choose which items become negatives: every feature value
         * is still point-in-time.
         */
        RECALL_NEGATIVES;

        /** Whether examples are positives plus drawn negatives (no impressions in the data). */
        public boolean drawsNegatives() {
            return this != IMPRESSIONS;
        }
    }
}
