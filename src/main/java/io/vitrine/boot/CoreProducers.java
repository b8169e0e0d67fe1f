package io.vitrine.boot;

import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.context.ManagedExecutor;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.redis.client.Redis;
import io.vitrine.abtest.ExperimentRegistry;
import io.vitrine.abtest.ExperimentService;
import io.vitrine.config.VitrineConfig;
import io.vitrine.event.EventPolicy;
import io.vitrine.experiment.RequestIds;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureUpdater;
import io.vitrine.feedback.FeedbackService;
import io.vitrine.model.BundleReader;
import io.vitrine.model.ModelBundle;
import io.vitrine.model.ModelRegistry;
import io.vitrine.pipeline.PipelineSettings;
import io.vitrine.port.CatalogStore;
import io.vitrine.port.EventLog;
import io.vitrine.port.ExperimentStore;
import io.vitrine.port.FeatureStore;
import io.vitrine.rank.RankingFeatures;
import io.vitrine.recommend.RecommendService;
import io.vitrine.recommend.ServingSettings;
import io.vitrine.redis.ConfiguredRedisOptions;
import io.vitrine.redis.RedisAccessCheck;
import io.vitrine.redis.RedisCatalogStore;
import io.vitrine.redis.RedisCommands;
import io.vitrine.redis.RedisEventLog;
import io.vitrine.redis.RedisExperimentStore;
import io.vitrine.redis.RedisFeatureStore;
import io.vitrine.redis.RedisKeys;
import io.vitrine.storage.ObjectStoreFactory;
import io.vitrine.wire.EventValidator;

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
    RedisCommands redisCommands(Redis redis, ConfiguredRedisOptions options, io.vertx.core.Vertx vertx,
            VitrineConfig config) {
        if (config.redis().ackReplicas() < 0) {
            throw new IllegalStateException("vitrine.redis.ack-replicas must be 0 or more");
        }
        return RedisCommands.of(redis, options.of(redis), vertx, config.redis().timeout());
    }

    void closeRedisCommands(@Disposes RedisCommands commands) {
        commands.close();
    }

    @Produces
    @Singleton
    RedisKeys redisKeys(VitrineConfig config) {
        return new RedisKeys(config.redis().keyPrefix());
    }

    @Produces
    @Singleton
    RedisAccessCheck redisAccessCheck(RedisCommands redis, RedisKeys keys) {
        return new RedisAccessCheck(redis, keys);
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
        return new RedisEventLog(redis, keys, config.feedback().eventLogMaxLength(), config.feedback().dedupeWindow(),
                config.redis().ackReplicas());
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

    /**
     * The pipeline of requests without a scene plan: the built-in defaults with {@code vitrine.recommend.*} applied.
     */
    @Produces
    @Singleton
    PipelineSettings pipelineSettings(Config config) {
        return PipelineConfiguration.defaults(config);
    }

    @Produces
    @Singleton
    RecommendService recommendService(FeatureStore features, CatalogStore catalog, FeatureSettings settings,
            ModelRegistry models, VitrineConfig vitrine, Config config, PipelineSettings pipeline, Clock clock,
            MeterRegistry meters, ManagedExecutor executor) {
        VitrineConfig.Recommend r = vitrine.recommend();
        Map<String, PipelineSettings> scenes = PipelineConfiguration.scenes(config, r.scenes().keySet(), pipeline);
        ServingSettings serving = new ServingSettings(r.requestTimeout(),
                Map.of("user", r.userTimeout(), "recall", r.recallTimeout(), "features", r.featuresTimeout()),
                r.fallbackRefresh(), r.cacheTtl(), r.cacheSize());
        return new RecommendService(features, catalog, settings, models, pipeline, scenes, serving, clock,
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

    /**
     * The deployment's signing key: {@code vitrine.experiments.signing-key}, or a random key created once in Redis and
     * shared by every instance. It signs request ids, and the console derives its session key from it.
     */
    @Produces
    @Singleton
    SigningKey signingKey(ExperimentStore store, VitrineConfig config) {
        Supplier<byte[]> source = config.experiments().signingKey().<Supplier<byte[]>>map(configured -> {
            byte[] key = Base64.getDecoder().decode(configured);
            if (key.length < 32) {
                throw new IllegalStateException("vitrine.experiments.signing-key must be base64 of at least 32 bytes");
            }
            return () -> key;
        }).orElse(store::signingKey);
        return new SigningKey(source);
    }

    @Produces
    @Singleton
    ExperimentService experimentService(ExperimentStore store, EventLog log, ModelRegistry models,
            VitrineConfig config, Clock clock, SigningKey signingKey) {
        VitrineConfig.Experiments e = config.experiments();
        return new ExperimentService(store, new ExperimentRegistry(store, e.refreshInterval(), clock),
                new RequestIds(signingKey), log, version -> models.version(version).isPresent(), clock,
                e.srmThreshold());
    }
}
