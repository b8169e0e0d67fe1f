package io.vitrine.recommend;

import java.time.Duration;
import java.util.Map;

/**
 * Tuning of the serving pipeline.
 *
 * @param quotas candidates taken from each recall source, by name
 * @param maxCandidates most candidates ranked
 * @param maxPerCategory diversity: most items of one category in the first {@code diversityWindow} slots
 * @param maxPerBrand diversity: most items of one brand in those slots
 * @param diversityWindow slots the diversity limits apply to
 * @param freshnessDays items younger than this get a fading freshness boost
 * @param freshnessBoost the boost of a brand-new item
 * @param promotionBoost the boost of a promoted item
 * @param explorationEpsilon probability of an exploration slot
 * @param purchasedWindow items the user bought within this window are not recommended
 * @param fallbackRefresh how often the in-process fallback list is refreshed while Redis answers
 * @param cacheTtl how long item features and trending lists are cached per instance
 * @param cacheSize most items cached per instance
 * @param newArrivalsWindow how recently an item must have been listed for the {@code new_arrivals} source
 * @param requestTimeout longest a request waits for the stores before answering from the fallback
 * @param stageTimeouts budgets of the stages that read stores ({@code user}, {@code recall}, {@code features}), by
 *            stage name; a stage over its budget makes the answer the degraded fallback
 */
public record RecommendSettings(Map<String, Integer> quotas, int maxCandidates, int maxPerCategory, int maxPerBrand,
        int diversityWindow, double freshnessDays, double freshnessBoost, double promotionBoost,
        double explorationEpsilon, Duration purchasedWindow, Duration fallbackRefresh, Duration cacheTtl,
        long cacheSize, Duration newArrivalsWindow, Duration requestTimeout, Map<String, Duration> stageTimeouts) {

    public RecommendSettings {
        quotas = Map.copyOf(quotas);
        stageTimeouts = Map.copyOf(stageTimeouts);
    }

    /** Settings whose stages are bounded only by the request timeout. */
    public RecommendSettings(Map<String, Integer> quotas, int maxCandidates, int maxPerCategory, int maxPerBrand,
            int diversityWindow, double freshnessDays, double freshnessBoost, double promotionBoost,
            double explorationEpsilon, Duration purchasedWindow, Duration fallbackRefresh, Duration cacheTtl,
            long cacheSize, Duration newArrivalsWindow, Duration requestTimeout) {
        this(quotas, maxCandidates, maxPerCategory, maxPerBrand, diversityWindow, freshnessDays, freshnessBoost,
                promotionBoost, explorationEpsilon, purchasedWindow, fallbackRefresh, cacheTtl, cacheSize,
                newArrivalsWindow, requestTimeout, Map.of());
    }
}
