package io.vitrine.redis;

import io.vitrine.testing.RedisClients;
import io.vitrine.testing.SharedRedisCluster;

/** Every test of {@link RedisCommandsTest} against the shared Redis Cluster (3 masters, 3 replicas). */
class RedisClusterCommandsTest extends RedisCommandsTest {
    private static final RedisCommands CLUSTER = RedisClients.commands(SharedRedisCluster.get());

    @Override
    protected RedisCommands redis() {
        return CLUSTER;
    }
}
