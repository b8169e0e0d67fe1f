package io.vitrine.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import io.vitrine.event.EventPolicy;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureUpdater;
import io.vitrine.feedback.FeedbackService;
import io.vitrine.port.CatalogStore;
import io.vitrine.port.EventLog;
import io.vitrine.port.FeatureStore;
import io.vitrine.redis.RedisCatalogStore;
import io.vitrine.redis.RedisCommands;
import io.vitrine.redis.RedisEventLog;
import io.vitrine.redis.RedisFeatureStore;
import io.vitrine.redis.RedisKeys;
import io.vitrine.wire.EventValidator;

/**
 * The stores of the application under test, opened from the test's own JVM on the application's Redis with the key
 * prefix of the {@code test} profile. HTTP tests seed and inspect state through these rather than through CDI beans, so
 * the same test class runs against the application in-process ({@code @QuarkusTest}) and as its packaged jar or native
 * binary ({@code @QuarkusIntegrationTest}, where nothing can be injected).
 */
public final class ServiceStores {
    /** The defaults of {@code vitrine.feedback.event-log-max-length} and {@code dedupe-window}. */
    private static final long EVENT_LOG_MAX_LENGTH = 10_000_000L;
    private static final Duration DEDUPE_WINDOW = Duration.ofDays(3).plusHours(1);

    private static final Map<String, ServiceStores> OPEN = new ConcurrentHashMap<>();

    private final RedisCommands redis;
    private final RedisKeys keys;
    private final FeatureSettings settings = FeatureSettings.defaults();

    private ServiceStores(RedisCommands redis) {
        this.redis = redis;
        this.keys = new RedisKeys(testProfileValue("vitrine.redis.key-prefix").orElse("vitrine"));
    }

    /** The stores on {@code server}, the Redis the application was configured with (one client per server). */
    public static ServiceStores of(RedisServerProcess server) {
        return OPEN.computeIfAbsent(server.uri(), uri -> new ServiceStores(RedisClients.commands(server)));
    }

    /** The stores on {@code cluster}, routed over its masters as the application routes them. */
    public static ServiceStores of(RedisClusterProcess cluster) {
        return OPEN.computeIfAbsent(cluster.hosts(), hosts -> new ServiceStores(RedisClients.commands(cluster)));
    }

    /** A key as the application resolves it in the {@code test} profile from its application.properties. */
    private static Optional<String> testProfileValue(String key) {
        Properties properties = new Properties();
        try (InputStream in = ServiceStores.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.ofNullable(properties.getProperty("%test." + key, properties.getProperty(key)));
    }

    public RedisCommands redis() {
        return redis;
    }

    public RedisKeys keys() {
        return keys;
    }

    public FeatureSettings featureSettings() {
        return settings;
    }

    public CatalogStore catalog() {
        return new RedisCatalogStore(redis, keys);
    }

    public FeatureStore features() {
        return new RedisFeatureStore(redis, keys, settings);
    }

    public EventLog eventLog() {
        return new RedisEventLog(redis, keys, EVENT_LOG_MAX_LENGTH, DEDUPE_WINDOW);
    }

    /** Feedback as the import job stores it: validated, deduplicated, features updated, no age limit. */
    public FeedbackService feedback() {
        EventPolicy policy = new EventPolicy(500, Duration.ofMinutes(10), Optional.empty());
        return new FeedbackService(new EventValidator(policy), eventLog(), catalog(), features(),
                new FeatureUpdater(settings), Clock.systemUTC()).forHistory();
    }
}
