package io.vitrine.testing;

/**
 * One Redis Cluster (3 masters, 3 replicas) per test JVM for the tests that neither stop its nodes nor move its slots;
 * isolated from each other by unique key prefixes or ids, never by order. Stopped by a shutdown hook.
 */
public final class SharedRedisCluster {
    private static RedisClusterProcess cluster;

    private SharedRedisCluster() {
    }

    public static synchronized RedisClusterProcess get() {
        if (cluster == null) {
            cluster = RedisClusterProcess.start();
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "shared-redis-cluster-stop"));
        }
        return cluster;
    }
}
