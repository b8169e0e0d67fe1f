package io.vitrine.feature;

import java.time.Duration;

/**
 * The tunable constants of the feature definitions. They are part of the feature schema: a model trained with one set
 * must be served with the same set.
 *
 * @param recentItemsCap how many recent items are kept per user and list
 * @param affinityHalfLife half-life of a user's category and brand affinity
 * @param popularityHalfLife half-life of an item's per-type popularity
 * @param trendingHalfLife half-life of the trending lists
 * @param ctrPriorImpressions strength of the CTR prior, in pseudo-impressions
 * @param ctrPriorMean the prior CTR that items with few impressions are pulled towards
 */
public record FeatureSettings(int recentItemsCap, Duration affinityHalfLife, Duration popularityHalfLife,
        Duration trendingHalfLife, double ctrPriorImpressions, double ctrPriorMean) {

    /** The defaults documented in the README. */
    public static FeatureSettings defaults() {
        return new FeatureSettings(50, Duration.ofDays(14), Duration.ofDays(3), Duration.ofDays(1), 20, 0.05);
    }

    public FeatureSettings {
        if (recentItemsCap < 1) {
            throw new IllegalArgumentException("recentItemsCap must be at least 1");
        }
        if (ctrPriorImpressions <= 0 || ctrPriorMean <= 0 || ctrPriorMean >= 1) {
            throw new IllegalArgumentException("CTR prior must have positive strength and a mean in (0, 1)");
        }
    }

    public ForwardDecay affinityDecay() {
        return new ForwardDecay(affinityHalfLife);
    }

    public ForwardDecay popularityDecay() {
        return new ForwardDecay(popularityHalfLife);
    }

    public ForwardDecay trendingDecay() {
        return new ForwardDecay(trendingHalfLife);
    }
}
