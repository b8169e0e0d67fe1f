package io.vitrine.train;

import java.time.Duration;
import java.time.Instant;

/**
 * How examples are built from events.
 *
 * @param mode recall candidates labelled by later engagements (the default), impressions with click labels, or
 *            positives with drawn negatives
 * @param attributionWindow how long after an impression an engagement with its item counts as its click
 * @param negativesPerPositive sampled negatives per positive ({@link Mode#SAMPLED_NEGATIVES} and
 *            {@link Mode#RECALL_NEGATIVES} only)
 * @param negativeKeepRate fraction of negatives kept (ignored impressions, or candidates the user did not engage with;
 *            positives are always kept), to bound memory and training time
 * @param validationFrom {@link Mode#CANDIDATES} with {@link Holdout#TIME}: the cut (history before it, labels after
 *            it); the other modes: examples at or after this time are validation examples and produce ranking cases
 * @param caseCandidates candidates per ranking case (the engaged item plus sampled others, drawn like the negatives)
 * @param maxCases most ranking cases kept (reservoir sample)
 * @param seed random seed of all sampling
 * @param holdout {@link Mode#CANDIDATES}: how labels are held out of the history
 * @param holdoutFraction {@link Holdout#RANDOM}: the share of each user's engagements held out as labels
 * @param excludeHistory {@link Mode#CANDIDATES}: whether the examples' requests exclude the user's whole history, as a
 *            protocol that never recommends a consumed item does (MovieLens); otherwise as served
 */
public record ExampleOptions(Mode mode, Duration attributionWindow, int negativesPerPositive,
        double negativeKeepRate, Instant validationFrom, int caseCandidates, int maxCases, long seed, Holdout holdout,
        double holdoutFraction, boolean excludeHistory) {

    public ExampleOptions {
        if (negativeKeepRate <= 0 || negativeKeepRate > 1) {
            throw new IllegalArgumentException("negativeKeepRate must be in (0, 1]");
        }
        if (caseCandidates < 2 || negativesPerPositive < 1 || maxCases < 0) {
            throw new IllegalArgumentException("need at least 2 candidates per case and 1 negative per positive");
        }
        if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
            throw new IllegalArgumentException("holdoutFraction must be in (0, 1)");
        }
    }

    /** Options of the older modes (no holdout of their own). */
    public ExampleOptions(Mode mode, Duration attributionWindow, int negativesPerPositive, double negativeKeepRate,
            Instant validationFrom, int caseCandidates, int maxCases, long seed) {
        this(mode, attributionWindow, negativesPerPositive, negativeKeepRate, validationFrom, caseCandidates,
                maxCases, seed, Holdout.TIME, 0.2, false);
    }

    /**
     * The defaults: a 30-minute attribution window, 4 drawn negatives per positive, every impression negative kept,
     * ranking cases of 100 candidates, at most 2,000 of them, seed 1.
     *
     * @param mode how labels are obtained
     * @param validationFrom the cut of a time holdout, or where validation examples start
     */
    public static ExampleOptions defaults(Mode mode, Instant validationFrom) {
        return new ExampleOptions(mode, Duration.ofMinutes(30), 4, 1.0, validationFrom, 100, 2000, 1, Holdout.TIME,
                0.2, false);
    }

    /**
     * Recall candidates labelled by what the user engaged with after the cut {@code labelsFrom}: the default way to
     * train the ranker.
     */
    public static ExampleOptions candidates(Instant labelsFrom) {
        return defaults(Mode.CANDIDATES, labelsFrom);
    }

    /** Candidates labelled by a random share of each user's engagements, for data split at random (MovieLens). */
    public ExampleOptions withRandomHoldout(double fraction) {
        return new ExampleOptions(mode, attributionWindow, negativesPerPositive, negativeKeepRate, validationFrom,
                caseCandidates, maxCases, seed, Holdout.RANDOM, fraction, excludeHistory);
    }

    public ExampleOptions withExcludeHistory(boolean excludeHistory) {
        return new ExampleOptions(mode, attributionWindow, negativesPerPositive, negativeKeepRate, validationFrom,
                caseCandidates, maxCases, seed, holdout, holdoutFraction, excludeHistory);
    }

    public ExampleOptions withAttributionWindow(Duration attributionWindow) {
        return new ExampleOptions(mode, attributionWindow, negativesPerPositive, negativeKeepRate, validationFrom,
                caseCandidates, maxCases, seed, holdout, holdoutFraction, excludeHistory);
    }

    public ExampleOptions withNegativeKeepRate(double negativeKeepRate) {
        return new ExampleOptions(mode, attributionWindow, negativesPerPositive, negativeKeepRate, validationFrom,
                caseCandidates, maxCases, seed, holdout, holdoutFraction, excludeHistory);
    }

    public ExampleOptions withMaxCases(int maxCases) {
        return new ExampleOptions(mode, attributionWindow, negativesPerPositive, negativeKeepRate, validationFrom,
                caseCandidates, maxCases, seed, holdout, holdoutFraction, excludeHistory);
    }

    public ExampleOptions withSeed(long seed) {
        return new ExampleOptions(mode, attributionWindow, negativesPerPositive, negativeKeepRate, validationFrom,
                caseCandidates, maxCases, seed, holdout, holdoutFraction, excludeHistory);
    }

    /** How {@link Mode#CANDIDATES} keeps labels out of the history the candidates are recalled from. */
    public enum Holdout {
        /** History is every event before the cut, labels the engagements after it (temporal data). */
        TIME,
        /** Labels are a random share of each user's engagements, history the rest (data split at random). */
        RANDOM
    }

    /** How labels are obtained. */
    public enum Mode {
        /**
         * The ranker's real task: the candidates the served recall plan produces for a user (from tables built on the
         * history only), labelled by whether the user engaged with them in the held-out labels, with each candidate's
         * recall evidence (rank and score per source) among the features. Needs no impressions.
         */
        CANDIDATES,
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
            return this == SAMPLED_NEGATIVES || this == RECALL_NEGATIVES;
        }
    }
}
