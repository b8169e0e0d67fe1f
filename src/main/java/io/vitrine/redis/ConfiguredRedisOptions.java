package io.vitrine.redis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.quarkus.redis.client.RedisOptionsCustomizer;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * Keeps a copy of the options Quarkus builds for each Redis client from {@code quarkus.redis.*} (hosts, client type,
 * credentials, TLS from the TLS registry, pool settings), changing nothing. Cluster routing opens its per-master
 * connections with them, so every {@code quarkus.redis.*} key that applies to a connection applies to those too.
 */
@Singleton
public class ConfiguredRedisOptions implements RedisOptionsCustomizer {
    /** The name Quarkus gives the default client. */
    public static final String DEFAULT_CLIENT = "<default>";

    private final Map<String, RedisOptions> byClient = new ConcurrentHashMap<>();

    @Override
    public void customize(String clientName, RedisOptions options) {
        byClient.put(clientName, new RedisOptions(options));
    }

    /**
     * The options of the default client. Quarkus creates a client (and calls the customizers) on its first use, so this
     * first touches {@code client} to make sure its options exist.
     */
    public RedisOptions of(Redis client) {
        client.getDelegate();
        RedisOptions options = byClient.get(DEFAULT_CLIENT);
        if (options == null) {
            throw new IllegalStateException("the options of the default Redis client were not seen");
        }
        return options;
    }
}
