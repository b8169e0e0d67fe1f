package io.vitrine.feature;

import io.vitrine.event.EventType;

/**
 * Names of the feature fields inside user and item hashes. Prefixed with a colon-terminated namespace so they never
 * clash with catalog fields; decayed fields end in {@code @generation}.
 */
public final class FeatureFields {
    /** Events of a type: {@code n:click}. */
    public static final String COUNT = "n:";
    /** User category affinity, decayed: {@code cat:phone@17}. */
    public static final String CATEGORY = "cat:";
    /** User brand affinity, decayed: {@code brand:acme@17}. */
    public static final String BRAND = "brand:";
    /** User purchases per category, decayed: {@code pcat:phone@17}. */
    public static final String PURCHASE_CATEGORY = "pcat:";
    /** User purchases per brand, decayed: {@code pbrand:acme@17}. */
    public static final String PURCHASE_BRAND = "pbrand:";
    /** Item popularity per event type, decayed: {@code pop:click@17}. */
    public static final String POPULARITY = "pop:";
    /** Number of purchases with a known price (user). */
    public static final String PURCHASE_PRICE_N = "pp:n";
    /** Sum of purchased unit prices (user). */
    public static final String PURCHASE_PRICE_SUM = "pp:sum";
    /** Sum of squared purchased unit prices (user). */
    public static final String PURCHASE_PRICE_SUM_SQ = "pp:sumsq";
    /** Latest event time, epoch millis (user). */
    public static final String LAST_ACTIVITY = "ts:last";
    /** Device of the latest event that named one (user). */
    public static final String DEVICE = "ctx:device";
    /** Trending scope of all items. */
    public static final String TREND_GLOBAL = "global";
    /** Prefix of per-category trending scopes: {@code cat:phone}. */
    public static final String TREND_CATEGORY = "cat:";

    private FeatureFields() {
    }

    public static String count(EventType type) {
        return COUNT + type.wireName();
    }

    /** A decayed field of one generation: {@code prefix + name + "@" + generation}. */
    public static String decayed(String prefix, String name, int generation) {
        return prefix + name + "@" + generation;
    }

    public static String trendScope(String category) {
        return category == null ? TREND_GLOBAL : TREND_CATEGORY + category;
    }
}
