package io.vitrine.testing;

import java.time.Duration;
import java.util.UUID;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vitrine.redis.RedisCommands;
import io.vitrine.redis.RedisKeys;

/** Redis clients for plain JUnit tests of the adapters (no Quarkus boot). */
public final class RedisClients {
    private static Vertx vertx;

    private RedisClients() {
    }

    public static synchronized RedisCommands commands(RedisServerProcess server) {
        return commands(server, Duration.ofSeconds(5));
    }

    /** Commands on {@code server} whose round trips time out after {@code timeout}. */
    public static synchronized RedisCommands commands(RedisServerProcess server, Duration timeout) {
        Redis redis = Redis.createClient(vertx(), new RedisOptions().setConnectionString(server.uri())
                .setMaxPoolSize(16)
                .setMaxPoolWaiting(1024));
        return new RedisCommands(redis, timeout);
    }

    /** Commands routed over the masters of {@code cluster}, as the application routes them in cluster mode. */
    public static synchronized RedisCommands commands(RedisClusterProcess cluster) {
        return RedisCommands.cluster(vertx().getDelegate(), cluster.clientOptions(), Duration.ofSeconds(5));
    }

    /** The Vert.x instance of the test clients (closed at JVM exit). */
    public static synchronized Vertx vertx() {
        if (vertx == null) {
            vertx = Vertx.vertx();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.closeAndAwait(), "test-vertx-close"));
        }
        return vertx;
    }

    /** Keys under a prefix no other test uses, so tests never see each other's data. */
    public static RedisKeys isolatedKeys() {
        return new RedisKeys("test-" + UUID.randomUUID());
    }
}
