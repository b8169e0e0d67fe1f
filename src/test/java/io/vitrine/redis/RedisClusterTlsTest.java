package io.vitrine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;
import io.vitrine.testing.RedisClients;
import io.vitrine.testing.RedisClusterProcess;
import io.vitrine.testing.Resp;
import io.vitrine.testing.TlsMaterial;

/**
 * A Redis Cluster that speaks only TLS to clients and between its nodes ({@code tls-cluster}, {@code tls-replication}),
 * as ElastiCache with encryption in transit does, with an ACL user: the slot map announces the TLS ports and every
 * per-master connection uses the seed's {@code rediss://} scheme, credentials and trust settings. Skipped without
 * {@code openssl} or without a redis-server built with TLS.
 */
class RedisClusterTlsTest {

    @Test
    void routesOverTlsWithTheSeedsCredentialsAndTrust() {
        Assumptions.assumeTrue(TlsMaterial.available(), "openssl is not on PATH");
        TlsMaterial tls = TlsMaterial.generate();
        RedisClusterProcess cluster;
        try {
            cluster = RedisClusterProcess.start(3, 0, 5000, List.of("--tls-port", "{tls-port}", "--tls-cert-file",
                    tls.serverCertificate().toString(), "--tls-key-file", tls.serverKey().toString(),
                    "--tls-ca-cert-file", tls.caCertificate().toString(), "--tls-auth-clients", "no", "--tls-cluster",
                    "yes", "--tls-replication", "yes",
                    // With tls-cluster the bus would listen at the TLS port + 10000; keep it where the harness checked.
                    "--cluster-port", "{bus-port}"));
        } catch (IllegalStateException e) {
            Assumptions.abort("redis-server did not start a TLS cluster (built without TLS?): " + e.getMessage());
            return;
        }
        try (cluster) {
            String password = "pw-" + System.nanoTime();
            for (var node : cluster.nodes()) {
                List<Object> setUser = new ArrayList<>(List.of("ACL", "SETUSER", "vitrine", "on", ">" + password));
                setUser.addAll(List.of(RedisAccessCheck.aclRule("tls").split(" ")));
                Resp.call(node.port(), setUser.toArray());
            }
            RedisOptions options = new RedisOptions().setType(io.vertx.redis.client.RedisClientType.CLUSTER)
                    .setEndpoints(new ArrayList<>(List.of("rediss://vitrine:" + password + "@127.0.0.1:"
                            + cluster.nodes().get(0).tlsPort())));
            options.getNetClientOptions()
                    .setSsl(true)
                    .setHostnameVerificationAlgorithm("HTTPS")
                    .setTrustOptions(new PemTrustOptions().addCertPath(tls.caCertificate().toString()));
            RedisCommands redis = RedisCommands.cluster(RedisClients.vertx().getDelegate(), options,
                    Duration.ofSeconds(5));
            List<Request> writes = new ArrayList<>();
            List<Request> reads = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                writes.add(Request.cmd(Command.SET).arg("tls:{" + i + "}").arg("v" + i));
                reads.add(Request.cmd(Command.GET).arg("tls:{" + i + "}"));
            }

            redis.write(writes);
            List<Response> replies = redis.batch(reads);

            for (int i = 0; i < 300; i++) {
                assertThat(replies.get(i).toString()).isEqualTo("v" + i);
            }
            assertThat(redis.routingStats().batches()).isEqualTo(6);
            assertThat(new RedisAccessCheck(redis, new RedisKeys("tls")).check().status())
                    .isEqualTo(RedisAccessCheck.Status.GRANTED);
            redis.close();
        }
    }
}
