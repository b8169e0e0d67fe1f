package io.vitrine.recommend;

import java.time.Duration;
import java.util.Map;

/**
 * How an instance serves {@code recommend}, apart from the pipeline itself
 * ({@link io.vitrine.pipeline.PipelineSettings}).
 *
 * @param requestTimeout longest a request waits, from its arrival, before it is answered from the fallback list
 * @param stageBudgets budgets of the stages that read stores ({@code user}, {@code recall}, {@code features}), by stage
 *            name; a stage over its budget makes the answer the degraded fallback
 * @param fallbackRefresh how often the in-process fallback list is refreshed while the stores answer
 * @param cacheTtl how long item features and live lists are cached per instance
 * @param cacheSize most items whose features an instance caches
 */
public record ServingSettings(Duration requestTimeout, Map<String, Duration> stageBudgets, Duration fallbackRefresh,
        Duration cacheTtl, long cacheSize) {

    public ServingSettings {
        stageBudgets = Map.copyOf(stageBudgets);
    }

    /** Settings whose stages are bounded only by the request timeout. */
    public static ServingSettings of(Duration requestTimeout) {
        return new ServingSettings(requestTimeout, Map.of(), Duration.ofMinutes(1), Duration.ofSeconds(5), 100_000);
    }

    /** These settings with stage budgets. */
    public ServingSettings withStageBudgets(Map<String, Duration> stageBudgets) {
        return new ServingSettings(requestTimeout, stageBudgets, fallbackRefresh, cacheTtl, cacheSize);
    }

    /** These settings with another cache lifetime. */
    public ServingSettings withCacheTtl(Duration cacheTtl) {
        return new ServingSettings(requestTimeout, stageBudgets, fallbackRefresh, cacheTtl, cacheSize);
    }
}
