package io.vitrine.testing;

/**
 * One redis-server per test JVM for the tests that do not stop it; isolated from each other by unique key prefixes or
 * ids, never by order. Stopped by a shutdown hook.
 */
public final class SharedRedis {
    private static RedisServerProcess server;

    private SharedRedis() {
    }

    public static synchronized RedisServerProcess get() {
        if (server == null) {
            server = RedisServerProcess.start(false);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shared-redis-stop"));
        }
        return server;
    }
}
