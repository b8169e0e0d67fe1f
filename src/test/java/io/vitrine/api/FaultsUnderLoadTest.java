package io.vitrine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
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
import io.vitrine.feedback.FeedbackService;
import io.vitrine.model.BundlePublisher;
import io.vitrine.model.TrainedFixture;
import io.vitrine.port.CatalogStore;
import io.vitrine.port.EventLog;
import io.vitrine.port.ObjectStore;
import io.vitrine.storage.FileObjectStore;
import io.vitrine.storage.ObjectStores;
import io.vitrine.testing.RedisServerProcess;
import io.vitrine.testing.RedisTestResource;
import io.vitrine.testing.S3ProxyServer;
import io.vitrine.testing.S3TestResource;
import io.vitrine.testing.ServiceStores;

/**
 * Faults under a steady load of recommend and feedback calls (the operator's worst quarter hour): Redis stopped for 10
 * seconds and restarted, then the model store emptied, then a corrupt bundle published. Throughout, recommend answers
 * 200 (degraded while Redis is down) from the first model; feedback answers only 202 or 503, the client retries every
 * 503 batch, and at the end every acknowledged event is in the event log exactly once.
 */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "dedicated", value = "true"),
        scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = S3TestResource.class, initArgs = @ResourceArg(name = "model-bucket", value = "true"))
class FaultsUnderLoadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    private CatalogStore catalog;
    private FeedbackService feedback;
    private EventLog log;

    @BeforeEach
    void openStores() {
        ServiceStores stores = ServiceStores.of(redis);
        catalog = stores.catalog();
        feedback = stores.feedback();
        log = stores.eventLog();
    }

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
    void redisAndModelStoreFaultsLoseNothingAcknowledgedAndNeverFailRecommend() throws Exception {
        DemoMarketplace market = new DemoMarketplace(new DemoSettings(100, 60, 3, 11, Instant.now()));
        catalog.upsertItems(market.items());
        List<Event> history = new ArrayList<>();
        market.events(history::add);
        feedback.ingestValid(history::forEach, 500);
        String v1;
        try (ObjectStore store = ObjectStores.open(modelUri, s3.settings())) {
            v1 = new BundlePublisher(store, Clock.systemUTC()).publish(TrainedFixture.result().model(),
                    TrainedFixture.result().tables(), TrainedFixture.draft()).version();
        }
        ApiTestSupport.admin().post("/v1/model/reload").then().statusCode(200);
        assertThat(post("/v1/recommend", Map.of("userId", "user-1", "count", 10)).statusCode()).isEqualTo(200);

        AtomicBoolean running = new AtomicBoolean(true);
        Map<Integer, AtomicInteger> recommendStatuses = new ConcurrentHashMap<>();
        Set<String> servedVersions = ConcurrentHashMap.newKeySet();
        AtomicInteger degraded = new AtomicInteger();
        Map<Integer, AtomicInteger> feedbackStatuses = new ConcurrentHashMap<>();
        List<String> acknowledged = new CopyOnWriteArrayList<>();
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
                            servedVersions.add(body.path("model").path("version").asText());
                            if (body.path("degraded").asBoolean()) {
                                degraded.incrementAndGet();
                            }
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
                    batch.add(Map.of("eventId", "fault-" + batchNumber + "-" + e, "userId", "user-" + e, "type",
                            "click", "itemId", market.items().get(e).itemId()));
                }
                batchNumber++;
                try {
                    // A well-behaved client: retry a 503 after a pause until the batch is stored.
                    while (true) {
                        HttpResponse<String> r = post("/v1/feedback", Map.of("events", batch));
                        feedbackStatuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (r.statusCode() == 202) {
                            batch.forEach(event -> acknowledged.add((String) event.get("eventId")));
                            break;
                        }
                        if (r.statusCode() != 503) {
                            failures.add(new AssertionError("feedback answered " + r.statusCode() + ": "
                                    + r.body()));
                            break;
                        }
                        Thread.sleep(500);
                    }
                    Thread.sleep(50);
                } catch (Exception e) {
                    failures.add(e);
                }
            }
        });

        Thread.sleep(2_000);
        redis.stop();
        Thread.sleep(10_000);
        redis.restart();
        Thread.sleep(3_000);
        try (ObjectStore store = ObjectStores.open(modelUri, s3.settings())) {
            // The model store "disappears": every object of the bundle is gone.
            for (String name : List.of("LATEST", v1 + "/" + BundlePublisher.MODEL_FILE, v1 + "/manifest.json")) {
                s3.client().deleteObject(b -> b.bucket(bucketOf(modelUri)).key(prefixOf(modelUri) + name));
            }
            Thread.sleep(2_500);
            // A corrupt v2, published like a real one (LATEST last): staged in a directory, one model byte flipped,
            // then copied over. Corrupting it after publishing to the served store would race the model check.
            Path staging = Files.createTempDirectory("faults-v2");
            FileObjectStore staged = new FileObjectStore(staging);
            String v2 = new BundlePublisher(staged, Clock.systemUTC()).publish(TrainedFixture.result().model(),
                    TrainedFixture.result().tables(), TrainedFixture.draft()).version();
            byte[] model = staged.get(v2 + "/" + BundlePublisher.MODEL_FILE).orElseThrow();
            model[model.length / 2] ^= 0x01;
            staged.put(v2 + "/" + BundlePublisher.MODEL_FILE, model);
            for (String key : staged.list(v2 + "/")) {
                store.put(key, staged.get(key).orElseThrow());
            }
            store.put(BundlePublisher.LATEST, staged.get(BundlePublisher.LATEST).orElseThrow());
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> v2.equals(ApiTestSupport.admin()
                            .get("/v1/model")
                            .then()
                            .extract()
                            .jsonPath()
                            .getString("latestVersion")));
        }
        Thread.sleep(1_500);
        running.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(failures).isEmpty();
        assertThat(recommendStatuses.keySet()).as("recommend statuses %s", recommendStatuses).containsOnly(200);
        assertThat(degraded.get()).as("degraded answers while Redis was down").isPositive();
        assertThat(servedVersions).containsExactly(v1);
        assertThat(feedbackStatuses.keySet()).as("feedback statuses %s", feedbackStatuses)
                .containsExactlyInAnyOrder(202, 503);
        ApiTestSupport.admin().get("/v1/model").then().body("version", org.hamcrest.Matchers.equalTo(v1));

        Map<String, Integer> stored = new HashMap<>();
        String position = null;
        while (true) {
            List<EventLog.LoggedEvent> page = log.read(position, 1000);
            if (page.isEmpty()) {
                break;
            }
            page.stream()
                    .map(le -> le.event().eventId())
                    .filter(id -> id.startsWith("fault-"))
                    .forEach(id -> stored.merge(id, 1, Integer::sum));
            position = page.get(page.size() - 1).position();
        }
        assertThat(acknowledged).hasSizeGreaterThan(100).doesNotHaveDuplicates();
        assertThat(stored.keySet()).containsAll(acknowledged);
        assertThat(stored.values()).as("each stored once").containsOnly(1);
    }

    private static String bucketOf(String uri) {
        return URI.create(uri).getHost();
    }

    private static String prefixOf(String uri) {
        String path = URI.create(uri).getPath().replaceFirst("^/", "");
        return path.isEmpty() || path.endsWith("/") ? path : path + "/";
    }
}
