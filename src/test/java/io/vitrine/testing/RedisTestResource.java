package io.vitrine.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the application at a real redis-server: the JVM-wide shared one by default, or, with the init argument
 * {@code dedicated=true}, one of its own with append-only persistence that the test may stop and restart (inject it
 * with {@link InjectRedis}). A dedicated server must be declared with {@code scope = RESTRICTED_TO_CLASS}: with the
 * default scope Quarkus keeps one application (and so one server) for consecutive classes whose resources are equal,
 * and a class would see the data of its neighbour.
 *
 * <p>
 * With {@code cluster=shared} the application runs in cluster mode ({@code quarkus.redis.client-type=cluster}) on the
 * JVM-wide shared Redis Cluster (3 masters, 3 replicas); with {@code cluster=dedicated} on a cluster of its own that
 * the test may break (inject it with {@link InjectRedisCluster}; scope {@code RESTRICTED_TO_CLASS}), whose
 * {@code cluster-node-timeout} is {@code node-timeout-ms} (default 1000, so that a failover takes seconds). The init
 * argument {@code ack-replicas} sets {@code vitrine.redis.ack-replicas}.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {
    private RedisServerProcess server;
    private RedisClusterProcess cluster;
    private boolean dedicated;
    private String clusterMode;
    private long nodeTimeoutMillis;
    private String ackReplicas;

    @Override
    public void init(Map<String, String> initArgs) {
        dedicated = Boolean.parseBoolean(initArgs.getOrDefault("dedicated", "false"));
        clusterMode = initArgs.getOrDefault("cluster", "");
        nodeTimeoutMillis = Long.parseLong(initArgs.getOrDefault("node-timeout-ms", "1000"));
        ackReplicas = initArgs.get("ack-replicas");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        switch (clusterMode) {
            case "shared" -> cluster = SharedRedisCluster.get();
            case "dedicated" -> cluster = RedisClusterProcess.start(3, 1, nodeTimeoutMillis, List.of());
            case "" -> server = dedicated ? RedisServerProcess.start(true) : SharedRedis.get();
            default -> throw new IllegalArgumentException("cluster must be shared or dedicated: " + clusterMode);
        }
        // Both keys always: a packaged application (*IT) started after a cluster class must not keep its settings.
        if (cluster != null) {
            config.put("quarkus.redis.client-type", "cluster");
            config.put("quarkus.redis.hosts", cluster.hosts());
        } else {
            config.put("quarkus.redis.client-type", "standalone");
            config.put("quarkus.redis.hosts", server.uri());
        }
        config.put("vitrine.redis.ack-replicas", ackReplicas == null ? "0" : ackReplicas);
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        if (server != null) {
            injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectRedis.class,
                    RedisServerProcess.class));
        }
        if (cluster != null) {
            injector.injectIntoFields(cluster, new TestInjector.AnnotatedAndMatchesType(InjectRedisCluster.class,
                    RedisClusterProcess.class));
        }
    }

    @Override
    public void stop() {
        if (dedicated && server != null) {
            server.close();
        }
        if ("dedicated".equals(clusterMode) && cluster != null) {
            cluster.close();
        }
    }

    /** Marks a {@link RedisServerProcess} field of a test to receive the server the application uses. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectRedis {
    }

    /** Marks a {@link RedisClusterProcess} field of a test to receive the cluster the application uses. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectRedisCluster {
    }
}
