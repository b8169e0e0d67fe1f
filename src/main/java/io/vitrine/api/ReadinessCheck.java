package io.vitrine.api;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.vitrine.feature.FeatureFields;
import io.vitrine.model.ModelRegistry;
import io.vitrine.port.FeatureStore;
import io.vitrine.port.StoreUnavailableException;
import io.vitrine.recommend.RecommendService;

/**
 * Ready when the instance can answer {@code recommend} meaningfully: Redis is reachable, or a model is loaded, or the
 * fallback list is armed (DESIGN: degrade, never lie). Replaces the Redis client's own readiness check, which would
 * take an instance out of rotation exactly when it could still answer degraded.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
    private final FeatureStore features;
    private final ModelRegistry models;
    private final RecommendService recommend;

    public ReadinessCheck(FeatureStore features, ModelRegistry models, RecommendService recommend) {
        this.features = features;
        this.models = models;
        this.recommend = recommend;
    }

    @Override
    public HealthCheckResponse call() {
        boolean redis;
        try {
            features.trending(FeatureFields.TREND_GLOBAL, 1, Instant.now());
            redis = true;
        } catch (StoreUnavailableException e) {
            redis = false;
        }
        String model = models.status().version();
        int fallback = recommend.fallbackSize();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("vitrine")
                .withData("redis", redis ? "reachable" : "unreachable")
                .withData("model", model == null ? "none (ranking by recall score)" : model)
                .withData("fallbackItems", fallback);
        return (redis || model != null || fallback > 0 ? response.up() : response.down()).build();
    }
}
