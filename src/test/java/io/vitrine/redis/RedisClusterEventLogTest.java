package io.vitrine.redis;

import io.vitrine.testing.RedisClients;
import io.vitrine.testing.SharedRedisCluster;

/** Every test of {@link RedisEventLogTest} against the shared Redis Cluster (3 masters, 3 replicas). */
class RedisClusterEventLogTest extends RedisEventLogTest {
    private static final RedisCommands CLUSTER = RedisClients.commands(SharedRedisCluster.get());

    @Override
    protected RedisCommands redis() {
        return CLUSTER;
    }
}
