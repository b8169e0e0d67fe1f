package io.vitrine.api;

import static io.vitrine.api.ApiTestSupport.admin;
import static io.vitrine.api.ApiTestSupport.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vitrine.catalog.Item;
import io.vitrine.demo.DemoMarketplace;
import io.vitrine.demo.DemoSettings;
import io.vitrine.event.Event;
import io.vitrine.event.EventType;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feedback.FeedbackService;
import io.vitrine.model.BundlePublisher;
import io.vitrine.pipeline.PipelineSettings;
import io.vitrine.port.CatalogStore;
import io.vitrine.port.ObjectStore;
import io.vitrine.recall.AlsSettings;
import io.vitrine.recall.EaseSettings;
import io.vitrine.storage.ObjectStores;
import io.vitrine.testing.RedisServerProcess;
import io.vitrine.testing.RedisTestResource;
import io.vitrine.testing.S3ProxyServer;
import io.vitrine.testing.S3TestResource;
import io.vitrine.testing.ServiceStores;
import io.vitrine.train.BundleDraft;
import io.vitrine.train.ExampleOptions;
import io.vitrine.train.TrainerParameters;
import io.vitrine.train.TrainingOptions;
import io.vitrine.train.TrainingPipeline;

/**
 * Import demo data, train, publish to S3, serve. The class has its own Redis (the last test stops it) and its own model
 * bucket; the tests share the imported data, and the order only puts the Redis outage last.
 */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "dedicated", value = "true"),
        scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = S3TestResource.class, initArgs = @ResourceArg(name = "model-bucket", value = "true"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecommendEndToEndTest {
    private static final Instant END = Instant.now().truncatedTo(ChronoUnit.DAYS);
    private static final DemoMarketplace MARKET = new DemoMarketplace(new DemoSettings(400, 120, 10, 5, END));
    private static final Map<String, Item> ITEMS = new HashMap<>();
    private static final List<String> ACCESSORIES = List.of("case", "charger", "earbuds");
    private static TrainingPipeline.Result trained;
    private static io.vitrine.model.BundleManifest draft;
    private static String phoneBuyer;
    private static String phoneBrand;
    private static String firstVersion;

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @S3TestResource.InjectS3
    S3ProxyServer s3;

    @S3TestResource.InjectModelUri
    String modelUri;

    private synchronized void importTrainAndPublish() {
        if (trained != null) {
            return;
        }
        MARKET.items().forEach(i -> ITEMS.put(i.itemId(), i));
        ServiceStores stores = ServiceStores.of(redis);
        CatalogStore catalog = stores.catalog();
        FeedbackService feedback = stores.feedback();
        catalog.upsertItems(MARKET.items());
        catalog.upsertUsers(MARKET.users());
        List<Event> events = new ArrayList<>();
        MARKET.events(events::add);
        feedback.ingestValid(events::forEach, 500);
        for (Event e : events) {
            if (e.type() == EventType.PURCHASE && "phone".equals(ITEMS.get(e.itemId()).category())) {
                phoneBuyer = e.userId();
                phoneBrand = ITEMS.get(e.itemId()).brand();
            }
        }
        ExampleOptions options = new ExampleOptions(ExampleOptions.Mode.IMPRESSIONS, Duration.ofMinutes(30), 4, 1.0,
                END.minus(Duration.ofDays(2)), 20, 100, 5);
        TrainerParameters parameters = new TrainerParameters(40, 5, 0.2, 0.9, 0.9, 1, 1, 0, 2, 5);
        trained = new TrainingPipeline(FeatureSettings.defaults(), PipelineSettings.defaults(),
                new TrainingOptions(options, parameters, 1_000_000,
                        AlsSettings.defaults().withFactors(16).withIterations(5).withThreads(2),
                        EaseSettings.defaults()))
                .run(MARKET.items(), MARKET::events, n -> {
                });
        draft = BundleDraft.of(trained);
        firstVersion = publish();
        admin().post("/v1/model/reload").then().statusCode(200);
    }

    private String publish() {
        try (ObjectStore store = ObjectStores.open(modelUri, s3.settings())) {
            return new BundlePublisher(store, Clock.systemUTC()).publish(trained.model(), trained.tables(),
                    draft).version();
        }
    }

    private static JsonPath recommend(Map<String, Object> body) {
        return client().body(body).post("/v1/recommend").then().statusCode(200).extract().jsonPath();
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void aKnownUserGetsAFullCleanDiverseList() {
        importTrainAndPublish();
        Set<String> excluded = new HashSet<>();
        MARKET.items()
                .stream()
                .filter(i -> i.inStock() && !i.blocked())
                .limit(5)
                .forEach(i -> excluded.add(i.itemId()));

        JsonPath r = recommend(
                Map.of("userId", "user-7", "count", 20, "exclude", List.copyOf(excluded), "explain", true));
        JsonPath again = recommend(Map.of("userId", "user-7", "count", 20));

        List<String> ids = r.getList("items.itemId");
        assertThat(ids).hasSize(20).doesNotHaveDuplicates().doesNotContainAnyElementsOf(excluded);
        for (String id : ids) {
            Item item = ITEMS.get(id);
            assertThat(item).as(id).isNotNull();
            assertThat(item.inStock() && !item.blocked()).as(id + " is recommendable").isTrue();
        }
        Map<String, Integer> perCategory = new HashMap<>();
        ids.subList(0, 10).forEach(id -> perCategory.merge(ITEMS.get(id).category(), 1, Integer::sum));
        assertThat(perCategory.values())
                .as(() -> "categories of the top 10 " + ids.subList(0, 10)
                        .stream()
                        .map(id -> id + ":" + ITEMS.get(id).category())
                        .toList() + " in " + r.prettify())
                .allMatch(n -> n <= 3);
        assertThat(r.getString("model.name")).isEqualTo("vitrine-ranker");
        assertThat(r.getString("model.version")).isNotBlank();
        assertThat(r.getBoolean("degraded")).isFalse();
        assertThat(r.getList("experiments")).isEmpty();
        assertThat(r.getList("items.sources")).allSatisfy(s -> assertThat((List<?>) s).isNotEmpty());
        assertThat(r.getString("requestId")).isNotEqualTo(again.getString("requestId"));
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aPhoneBuyerIsShownAccessoriesOfThatBrandInTheTop10() {
        importTrainAndPublish();
        assertThat(phoneBuyer).as("the demo data has a phone purchase").isNotNull();

        List<String> top = recommend(Map.of("userId", phoneBuyer, "count", 10)).getList("items.itemId");

        long matching = top.stream()
                .filter(id -> ACCESSORIES.contains(ITEMS.get(id).category())
                        && ITEMS.get(id).brand().equals(phoneBrand))
                .count();
        long eligible = ITEMS.values().stream().filter(i -> i.inStock() && !i.blocked()).count();
        long eligibleMatching = ITEMS.values()
                .stream()
                .filter(i -> i.inStock() && !i.blocked()
                        && ACCESSORIES.contains(i.category()) && i.brand().equals(phoneBrand))
                .count();
        double baseRate = 10.0 * eligibleMatching / eligible;
        System.out.printf("phone buyer %s (%s): %d of the top 10 are %s accessories; a random list has %.1f%n",
                phoneBuyer, phoneBrand, matching, phoneBrand, baseRate);
        // Far above what a list blind to the purchase would hold.
        assertThat((double) matching).isGreaterThanOrEqualTo(Math.max(2, 2 * baseRate));
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void anUnknownUserGetsAFullListAndExplainSaysWhy() {
        importTrainAndPublish();

        JsonPath r = recommend(Map.of("userId", "never-seen", "count", 12, "explain", true, "itemId", "no-such-item"));

        assertThat(r.getList("items.itemId")).hasSize(12).doesNotHaveDuplicates();
        assertThat(r.getList("items.explanation.modelScore")).allSatisfy(s -> assertThat(s).isNotNull());
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void readinessReportsRedisModelAndFallback() {
        importTrainAndPublish();

        io.restassured.RestAssured.get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'vitrine' }.data.redis", equalTo("reachable"))
                .body("checks.find { it.name == 'vitrine' }.data.model", org.hamcrest.Matchers.startsWith("2"));
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void eachStageIsTimedInTheMetrics() {
        importTrainAndPublish();
        recommend(Map.of("userId", "user-5", "count", 10));

        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();

        for (String stage : List.of("user", "recall", "features", "rank", "rerank")) {
            assertThat(metrics).contains("vitrine_recommend_stage_seconds_count{stage=\"" + stage + "\"}");
        }
        assertThat(metrics).contains("vitrine_recommend_stage_seconds{stage=\"rank\",quantile=\"0.99\"}");
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void invalidRequestsAreProblems() {
        client().body(Map.of("count", 0, "exclude", List.of("")))
                .post("/v1/recommend")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("userId", "count", "exclude[0]"));
        client().body("{\"userId\":\"u\",\"count\":\"many\"}")
                .post("/v1/recommend")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("count"));
    }

    @Test
    @org.junit.jupiter.api.Order(5)
    void aNewVersionIsServedWithinThePollIntervalAndACorruptOneIsRefused() {
        importTrainAndPublish();
        String v2 = publish();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> v2
                        .equals(recommend(Map.of("userId", "user-3", "count", 5)).getString("model.version")));

        String v3 = publish();
        try (ObjectStore store = ObjectStores.open(modelUri, s3.settings())) {
            byte[] model = store.get(v3 + "/" + BundlePublisher.MODEL_FILE).orElseThrow();
            model[model.length - 1] ^= 0x01;
            store.put(v3 + "/" + BundlePublisher.MODEL_FILE, model);
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> v3
                        .equals(admin().get("/v1/model").then().extract().jsonPath().getString("latestVersion")));
        assertThat(recommend(Map.of("userId", "user-3", "count", 5)).getString("model.version")).isEqualTo(v2);
        admin().get("/v1/model").then().body("lastError", org.hamcrest.Matchers.containsString("checksum"));
    }

    private static Map<String, Object> rankerExperiment(String status) {
        return Map.of("layer", "recommend", "status", status, "variants", List.of(
                Map.of("name", "control", "weight", 1),
                Map.of("name", "treatment", "weight", 1, "params", Map.of("model.version", firstVersion,
                        "rerank.diversity.max-per-category", 1, "recall.trending.quota", 0,
                        "recall.new_arrivals.quota", 0))));
    }

    @Test
    @org.junit.jupiter.api.Order(6)
    void aRecommendExperimentServesItsVariantsModelVersionAndSettings() {
        importTrainAndPublish();
        String current = recommend(Map.of("userId", "user-3", "count", 5)).getString("model.version");
        assertThat(current).isNotEqualTo(firstVersion);
        admin().body(rankerExperiment("running"))
                .put("/v1/experiments/e2e-ranker")
                .then()
                .statusCode(200);

        Map<String, Integer> served = new HashMap<>();
        for (int u = 0; u < 40; u++) {
            JsonPath r = recommend(Map.of("userId", "user-" + u, "count", 10));
            String variant = r.getString("experiments[0].variant");
            assertThat(r.getList("experiments.id")).containsExactly("e2e-ranker");
            served.merge(variant, 1, Integer::sum);
            List<String> ids = r.getList("items.itemId");
            List<List<String>> sources = r.getList("items.sources");
            if (variant.equals("treatment")) {
                assertThat(r.getString("model.version")).isEqualTo(firstVersion);
                assertThat(ids.stream().limit(4).map(id -> ITEMS.get(id).category()).distinct().count())
                        .as("one per category first, for %s", "user-" + u)
                        .isEqualTo(Math.min(4, ids.size()));
                assertThat(sources).allSatisfy(s -> assertThat(s).doesNotContain("trending", "new_arrivals"));
            } else {
                assertThat(r.getString("model.version")).isEqualTo(current);
            }
        }
        assertThat(served.keySet()).containsExactlyInAnyOrder("control", "treatment");
        admin().body(rankerExperiment("stopped"))
                .put("/v1/experiments/e2e-ranker")
                .then()
                .statusCode(200);
        assertThat(recommend(Map.of("userId", "user-3", "count", 5)).getList("experiments")).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.Order(7)
    void withRedisStoppedTheAnswerIsDegradedNotAnError() {
        importTrainAndPublish();
        recommend(Map.of("userId", "user-9", "count", 10));
        redis.stop();
        try {
            JsonPath r = recommend(Map.of("userId", "user-9", "count", 10));

            assertThat(r.getBoolean("degraded")).isTrue();
            assertThat(r.getList("items.itemId")).hasSize(10).doesNotHaveDuplicates();
            assertThat(r.getList("items.sources")).allSatisfy(s -> assertThat(s).isEqualTo(List.of("fallback")));
            assertThat(io.restassured.RestAssured.get("/q/metrics").then().extract().asString())
                    .as("operators see degraded answers counted")
                    .containsPattern("(?m)^vitrine_recommend_degraded_total [1-9]");
            // Still ready: it answers (degraded) from its model and fallback list.
            io.restassured.RestAssured.get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("checks.find { it.name == 'vitrine' }.data.redis", equalTo("unreachable"))
                    .body("checks.find { it.name == 'vitrine' }.data.fallbackItems",
                            org.hamcrest.Matchers.greaterThan(0));
        } finally {
            redis.restart();
        }
    }
}
