package io.vitrine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vitrine.demo.DemoMarketplace;
import io.vitrine.demo.DemoSettings;
import io.vitrine.event.Event;
import io.vitrine.model.BundlePublisher;
import io.vitrine.model.TrainedFixture;
import io.vitrine.port.EventLog;
import io.vitrine.port.ObjectStore;
import io.vitrine.redis.HashSlot;
import io.vitrine.storage.ObjectStores;
import io.vitrine.testing.RedisClusterProcess;
import io.vitrine.testing.RedisServerProcess;
import io.vitrine.testing.RedisTestResource;
import io.vitrine.testing.S3ProxyServer;
import io.vitrine.testing.S3TestResource;
import io.vitrine.testing.ServiceStores;

/**
 * A master of the application's Redis Cluster (3 masters, 3 replicas, {@code cluster-node-timeout} 1 s) is killed while
 * recommend and feedback traffic runs, with {@code vitrine.redis.ack-replicas=1}. The killed master serves the event
 * log's slot, the hardest case. Its replica is promoted; recommend answers 200 throughout (degraded for a moment) and
 * becomes non-degraded again by itself; feedback answers only 202 or 503 (until a replica is back for the new master:
 * the setting asks for one), the client retries every 503 with the same event ids, and at the end every acknowledged
 * event is in the log exactly once and no event twice. The killed node is then restarted, as a managed service replaces
 * a node, and rejoins as a replica. Runs once, in-process (a fault scenario, like {@link FaultsUnderLoadTest}).
 */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = {@ResourceArg(name = "cluster", value = "dedicated"),
        @ResourceArg(name = "node-timeout-ms", value = "1000"), @ResourceArg(name = "ack-replicas", value = "1")},
        scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = S3TestResource.class, initArgs = @ResourceArg(name = "model-bucket", value = "true"))
class ClusterFailoverTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RedisTestResource.InjectRedisCluster
    RedisClusterProcess cluster;

    @S3TestResource.InjectS3
    S3ProxyServer s3;

    @S3TestResource.InjectModelUri
    String modelUri;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> post(String path, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header(ApiKeyFilter.HEADER, ApiTestSupport.CLIENT_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void killingTheEventLogsMasterLosesNoAcknowledgedEventAndRecommendRecoversByItself() throws Exception {
        ServiceStores stores = ServiceStores.of(cluster);
        DemoMarketplace market = new DemoMarketplace(new DemoSettings(100, 60, 3, 11, Instant.now()));
        stores.catalog().upsertItems(market.items());
        List<Event> history = new ArrayList<>();
        market.events(history::add);
        stores.feedback().ingestValid(history::forEach, 500);
        try (ObjectStore store = ObjectStores.open(modelUri, s3.settings())) {
            new BundlePublisher(store, Clock.systemUTC()).publish(TrainedFixture.result().model(),
                    TrainedFixture.result().tables(), TrainedFixture.draft());
        }
        ApiTestSupport.admin().post("/v1/model/reload").then().statusCode(200);
        int logSlot = HashSlot.of(stores.keys().eventLog());
        RedisServerProcess victim = cluster.masterOf(logSlot);
        RedisServerProcess heir = cluster.replicasOf(victim).get(0);

        AtomicBoolean running = new AtomicBoolean(true);
        Map<Integer, AtomicInteger> recommendStatuses = new ConcurrentHashMap<>();
        List<long[]> answers = new CopyOnWriteArrayList<>(); // [nanoTime, degraded 0/1]
        Map<Integer, AtomicInteger> feedbackStatuses = new ConcurrentHashMap<>();
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        AtomicLong lastAcknowledged = new AtomicLong();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService load = Executors.newFixedThreadPool(3);
        for (int worker = 0; worker < 2; worker++) {
            int w = worker;
            load.submit(() -> {
                int i = 0;
                while (running.get()) {
                    try {
                        HttpResponse<String> r = post("/v1/recommend", Map.of("userId", "user-" + (i++ % 100),
                                "count", 10));
                        recommendStatuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (r.statusCode() == 200) {
                            JsonNode body = JSON.readTree(r.body());
                            answers.add(new long[]{System.nanoTime(), body.path("degraded").asBoolean() ? 1 : 0});
                        }
                        Thread.sleep(20 + w);
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }
            });
        }
        load.submit(() -> {
            int batchNumber = 0;
            while (running.get()) {
                List<Map<String, Object>> batch = new ArrayList<>();
                for (int e = 0; e < 10; e++) {
                    batch.add(Map.of("eventId", "failover-" + batchNumber + "-" + e, "userId", "user-" + e, "type",
                            "click", "itemId", market.items().get(e).itemId()));
                }
                batchNumber++;
                try {
                    // A well-behaved client: retry a 503 after a pause, same event ids, until the batch is stored.
                    while (true) {
                        HttpResponse<String> r = post("/v1/feedback", Map.of("events", batch));
                        feedbackStatuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (r.statusCode() == 202) {
                            batch.forEach(event -> acknowledged.add((String) event.get("eventId")));
                            lastAcknowledged.set(System.nanoTime());
                            break;
                        }
                        if (r.statusCode() != 503 || r.headers().firstValue("Retry-After").isEmpty()) {
                            failures.add(new AssertionError("feedback answered " + r.statusCode() + ": "
                                    + r.body()));
                            break;
                        }
                        Thread.sleep(200);
                    }
                    Thread.sleep(30);
                } catch (Exception e) {
                    failures.add(e);
                }
            }
        });

        // Traffic first: both kinds of call answered before the kill, however slow a loaded machine is.
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> acknowledged.size() >= 50 && answers.size() >= 20);
        int acknowledgedBeforeKill = acknowledged.size();
        long killed = System.nanoTime();
        victim.kill();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> RedisClusterProcess.isMaster(heir));
        long promoted = System.nanoTime();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> answers.stream().anyMatch(a -> a[0] > promoted && a[1] == 0));
        long recovered = answers.stream()
                .filter(a -> a[0] > promoted && a[1] == 0)
                .mapToLong(a -> a[0])
                .min()
                .orElseThrow();
        Thread.sleep(1_000);
        victim.startAgain();
        cluster.awaitStable();
        long rejoined = System.nanoTime();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> lastAcknowledged.get() > rejoined);
        // Liveness, not timing: wait for a non-degraded answer newer than every degraded one.
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    long latestDegraded = answers.stream()
                            .filter(a -> a[1] == 1)
                            .mapToLong(a -> a[0])
                            .max()
                            .orElse(0);
                    return answers.stream().anyMatch(a -> a[1] == 0 && a[0] > latestDegraded);
                });
        running.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        long degradedAfterKill = answers.stream().filter(a -> a[0] > killed && a[1] == 1).count();
        long lastDegraded = answers.stream().filter(a -> a[1] == 1).mapToLong(a -> a[0]).max().orElse(killed);
        System.out.printf("failover: promoted %d ms after the kill; first non-degraded recommend %d ms after the"
                + " promotion; %d degraded answers, the last %d ms after the kill; recommend statuses %s; feedback"
                + " statuses %s; %d events acknowledged (%d before the kill)%n",
                (promoted - killed) / 1_000_000, (recovered - promoted) / 1_000_000, degradedAfterKill,
                (lastDegraded - killed) / 1_000_000, recommendStatuses, feedbackStatuses, acknowledged.size(),
                acknowledgedBeforeKill);
        assertThat(failures).isEmpty();
        assertThat(recommendStatuses.keySet()).as("recommend statuses %s", recommendStatuses).containsOnly(200);
        assertThat(answers.stream().filter(a -> a[0] > lastDegraded)).as("non-degraded again").isNotEmpty();
        assertThat(feedbackStatuses.keySet()).as("feedback statuses %s", feedbackStatuses)
                .contains(202)
                .isSubsetOf(202, 503);
        assertThat(acknowledgedBeforeKill).isPositive();

        Map<String, Integer> stored = new HashMap<>();
        EventLog log = stores.eventLog();
        String position = null;
        while (true) {
            List<EventLog.LoggedEvent> page = log.read(position, 1000);
            if (page.isEmpty()) {
                break;
            }
            page.stream()
                    .map(le -> le.event().eventId())
                    .filter(id -> id.startsWith("failover-"))
                    .forEach(id -> stored.merge(id, 1, Integer::sum));
            position = page.get(page.size() - 1).position();
        }
        assertThat(acknowledged).doesNotHaveDuplicates();
        assertThat(stored.keySet()).as("every acknowledged event survived the failover").containsAll(acknowledged);
        assertThat(stored.values()).as("each stored once").containsOnly(1);
    }
}
