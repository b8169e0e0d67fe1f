package io.vitrine.pipeline;

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
 * @param sourceWeights weight of each recall source in the candidate merge, by name (1 for sources not listed)
 * @param recallWeight weight of the recall order against the model's order in the final ranking (0: the model alone)
 */
public record RecommendSettings(Map<String, Integer> quotas, int maxCandidates, int maxPerCategory, int maxPerBrand,
        int diversityWindow, double freshnessDays, double freshnessBoost, double promotionBoost,
        double explorationEpsilon, Duration purchasedWindow, Duration fallbackRefresh, Duration cacheTtl,
        long cacheSize, Duration newArrivalsWindow, Duration requestTimeout, Map<String, Duration> stageTimeouts,
        Map<String, Double> sourceWeights, double recallWeight) {

    public RecommendSettings {
        quotas = Map.copyOf(quotas);
        stageTimeouts = Map.copyOf(stageTimeouts);
        sourceWeights = Map.copyOf(sourceWeights);
        if (!(recallWeight >= 0) || Double.isInfinite(recallWeight)) {
            throw new IllegalArgumentException("recallWeight must be finite and at least 0");
        }
    }

    /** Settings that merge every source with weight 1 and rank by the model alone. */
    public RecommendSettings(Map<String, Integer> quotas, int maxCandidates, int maxPerCategory, int maxPerBrand,
            int diversityWindow, double freshnessDays, double freshnessBoost, double promotionBoost,
            double explorationEpsilon, Duration purchasedWindow, Duration fallbackRefresh, Duration cacheTtl,
            long cacheSize, Duration newArrivalsWindow, Duration requestTimeout, Map<String, Duration> stageTimeouts) {
        this(quotas, maxCandidates, maxPerCategory, maxPerBrand, diversityWindow, freshnessDays, freshnessBoost,
                promotionBoost, explorationEpsilon, purchasedWindow, fallbackRefresh, cacheTtl, cacheSize,
                newArrivalsWindow, requestTimeout, stageTimeouts, Map.of(), 0);
    }

    /** These settings with other merge weights and recall weight. */
    public RecommendSettings withBlend(Map<String, Double> sourceWeights, double recallWeight) {
        return new RecommendSettings(quotas, maxCandidates, maxPerCategory, maxPerBrand, diversityWindow,
                freshnessDays, freshnessBoost, promotionBoost, explorationEpsilon, purchasedWindow, fallbackRefresh,
                cacheTtl, cacheSize, newArrivalsWindow, requestTimeout, stageTimeouts, sourceWeights, recallWeight);
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
