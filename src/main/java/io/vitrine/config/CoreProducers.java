package io.vitrine.config;

import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.context.ManagedExecutor;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.redis.client.Redis;
import io.vitrine.catalog.CatalogStore;
import io.vitrine.event.EventLog;
import io.vitrine.event.EventPolicy;
import io.vitrine.event.EventValidator;
import io.vitrine.event.FeedbackService;
import io.vitrine.experiment.ExperimentRegistry;
import io.vitrine.experiment.ExperimentService;
import io.vitrine.experiment.ExperimentStore;
import io.vitrine.experiment.RequestIds;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureStore;
import io.vitrine.feature.FeatureUpdater;
import io.vitrine.model.BundleReader;
import io.vitrine.model.ModelBundle;
import io.vitrine.model.ModelRegistry;
import io.vitrine.rank.RankingFeatures;
import io.vitrine.recommend.PipelineParameters;
import io.vitrine.recommend.RecommendService;
import io.vitrine.recommend.RecommendSettings;
import io.vitrine.redis.RedisCatalogStore;
import io.vitrine.redis.RedisCommands;
import io.vitrine.redis.RedisEventLog;
import io.vitrine.redis.RedisExperimentStore;
import io.vitrine.redis.RedisFeatureStore;
import io.vitrine.redis.RedisKeys;
import io.vitrine.storage.ObjectStoreFactory;

/** Builds the core objects from configuration and binds the storage interfaces to Redis. */
@Singleton
public class CoreProducers {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    FeatureSettings featureSettings(VitrineConfig config) {
        VitrineConfig.Features f = config.features();
        return new FeatureSettings(f.recentItemsCap(), f.affinityHalfLife(), f.popularityHalfLife(),
                f.trendingHalfLife(), f.ctrPriorImpressions(), f.ctrPriorMean());
    }

    @Produces
    @Singleton
    EventPolicy eventPolicy(VitrineConfig config) {
        VitrineConfig.Feedback f = config.feedback();
        if (f.dedupeWindow().compareTo(f.maxEventAge().plus(f.maxFutureSkew())) < 0) {
            throw new IllegalStateException("vitrine.feedback.dedupe-window (" + f.dedupeWindow()
                    + ") must be at least max-event-age + max-future-skew, or a late retry would be counted twice");
        }
        return new EventPolicy(f.maxBatchSize(), f.maxFutureSkew(), Optional.of(f.maxEventAge()));
    }

    @Produces
    @Singleton
    RedisCommands redisCommands(Redis redis, VitrineConfig config) {
        return new RedisCommands(redis, config.redis().timeout());
    }

    @Produces
    @Singleton
    RedisKeys redisKeys(VitrineConfig config) {
        return new RedisKeys(config.redis().keyPrefix());
    }

    @Produces
    @Singleton
    FeatureStore featureStore(RedisCommands redis, RedisKeys keys, FeatureSettings settings) {
        return new RedisFeatureStore(redis, keys, settings);
    }

    @Produces
    @Singleton
    CatalogStore catalogStore(RedisCommands redis, RedisKeys keys) {
        return new RedisCatalogStore(redis, keys);
    }

    @Produces
    @Singleton
    EventLog eventLog(RedisCommands redis, RedisKeys keys, VitrineConfig config) {
        return new RedisEventLog(redis, keys, config.feedback().eventLogMaxLength(), config.feedback().dedupeWindow());
    }

    @Produces
    @Singleton
    FeatureUpdater featureUpdater(FeatureSettings settings) {
        return new FeatureUpdater(settings);
    }

    @Produces
    @Singleton
    ModelRegistry modelRegistry(ObjectStoreFactory stores, VitrineConfig config, FeatureSettings settings,
            Clock clock, Instance<BundleReader.ModelFileRanker> tribuo) {
        ModelBundle.Evaluator evaluator = switch (config.model().evaluator()) {
            case "tribuo" -> ModelBundle.Evaluator.TRIBUO;
            case "java" -> ModelBundle.Evaluator.JAVA;
            default -> throw new IllegalArgumentException("vitrine.model.evaluator must be tribuo or java, not "
                    + config.model().evaluator());
        };
        // The tribuo evaluator's model-file reader exists only where Tribuo is built in (not in the native image).
        BundleReader.ModelFileRanker modelFiles = tribuo.isResolvable() ? tribuo.get() : null;
        BundleReader reader = new BundleReader(stores.open(config.model().uri()), RankingFeatures.schemaHash(settings),
                evaluator, modelFiles);
        return new ModelRegistry(reader, config.model().pollInterval(), clock);
    }

    @Produces
    @Singleton
    RecommendService recommendService(FeatureStore features, CatalogStore catalog, FeatureSettings settings,
            ModelRegistry models, VitrineConfig config, Clock clock, MeterRegistry meters,
            ManagedExecutor executor) {
        VitrineConfig.Recommend r = config.recommend();
        RecommendSettings recommend = new RecommendSettings(Map.of("ease", r.quotaEase(), "item_cf", r.quotaItemCf(),
                "embedding",
                r.quotaEmbedding(), "trending", r.quotaTrending(), "popular", r.quotaPopular(), "new_arrivals",
                r.quotaNewArrivals(), "affinity", r.quotaAffinity()), r.maxCandidates(),
                r.maxPerCategory(), r.maxPerBrand(), r.diversityWindow(), r.freshnessDays(), r.freshnessBoost(),
                r.promotionBoost(), r.explorationEpsilon(), r.purchasedWindow(), r.fallbackRefresh(), r.cacheTtl(),
                r.cacheSize(), r.newArrivalsWindow(), r.requestTimeout(), Map.of("user", r.userTimeout(), "recall",
                        r.recallTimeout(), "features", r.featuresTimeout()),
                sourceWeights(r.sourceWeights()), r.recallWeight());
        return new RecommendService(features, catalog, settings, models, recommend, clock,
                new StageTimers(meters), executor);
    }

    @Produces
    @Singleton
    FeedbackService feedbackService(EventPolicy policy, EventLog log, CatalogStore catalog, FeatureStore features,
            FeatureUpdater updater, Clock clock, ExperimentService experiments) {
        return new FeedbackService(new EventValidator(policy), log, catalog, features, updater, clock, experiments);
    }

    @Produces
    @Singleton
    ExperimentStore experimentStore(RedisCommands redis, RedisKeys keys) {
        return new RedisExperimentStore(redis, keys);
    }

    @Produces
    @Singleton
    ExperimentService experimentService(ExperimentStore store, EventLog log, ModelRegistry models,
            VitrineConfig config, Clock clock) {
        VitrineConfig.Experiments e = config.experiments();
        Supplier<byte[]> signingKey = e.signingKey().<Supplier<byte[]>>map(configured -> {
            byte[] key = Base64.getDecoder().decode(configured);
            if (key.length < 32) {
                throw new IllegalStateException("vitrine.experiments.signing-key must be base64 of at least 32 bytes");
            }
            return () -> key;
        }).orElse(store::signingKey);
        return new ExperimentService(store, new ExperimentRegistry(store, e.refreshInterval(), clock),
                new RequestIds(signingKey), log, version -> models.version(version).isPresent(), clock,
                e.srmThreshold());
    }

    /** Refuses weights of unknown sources or out of range at start rather than ignoring them. */
    private static Map<String, Double> sourceWeights(Map<String, Double> configured) {
        configured.forEach((source, weight) -> {
            if (!PipelineParameters.SOURCES.contains(source)) {
                throw new IllegalStateException("vitrine.recommend.source-weights." + source
                        + " names no recall source; known: " + String.join(", ", PipelineParameters.SOURCES));
            }
            if (!(weight >= 0) || weight > 100) {
                throw new IllegalStateException("vitrine.recommend.source-weights." + source
                        + " must be between 0 and 100");
            }
        });
        return configured;
    }
}
