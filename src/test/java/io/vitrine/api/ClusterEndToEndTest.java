package io.vitrine.api;

import static io.vitrine.api.ApiTestSupport.admin;
import static io.vitrine.api.ApiTestSupport.client;
import static io.vitrine.api.ApiTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vitrine.demo.DemoMarketplace;
import io.vitrine.demo.DemoSettings;
import io.vitrine.event.Event;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.RecentItem;
import io.vitrine.pipeline.PipelineSettings;
import io.vitrine.port.EventLog;
import io.vitrine.port.ObjectStore;
import io.vitrine.recall.AlsSettings;
import io.vitrine.recall.EaseSettings;
import io.vitrine.storage.ObjectStores;
import io.vitrine.testing.RedisClusterProcess;
import io.vitrine.testing.RedisTestResource;
import io.vitrine.testing.S3ProxyServer;
import io.vitrine.testing.S3TestResource;
import io.vitrine.testing.ServiceStores;
import io.vitrine.train.ExampleOptions;
import io.vitrine.train.TrainerParameters;
import io.vitrine.train.TrainingOptions;
import io.vitrine.train.TrainingPipeline;

/**
 * The new user, on the shared Redis Cluster (3 masters, 3 replicas, {@code quarkus.redis.client-type=cluster}):
 * items are upserted, demo history imported, a model trained and published, and then {@code recommend} answers 20
 * ranked, non-degraded items, {@code feedback} stores events and updates their online features, and readiness sees
 * Redis.
 */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "cluster", value = "shared"))
@WithTestResource(value = S3TestResource.class, initArgs = @ResourceArg(name = "model-bucket", value = "true"))
class ClusterEndToEndTest {
    private static final Instant END = Instant.now().truncatedTo(ChronoUnit.DAYS);
    private static final DemoMarketplace MARKET = new DemoMarketplace(new DemoSettings(300, 100, 8, 11, END));
    private static boolean imported;

    @RedisTestResource.InjectRedisCluster
    RedisClusterProcess cluster;

    @S3TestResource.InjectS3
    S3ProxyServer s3;

    @S3TestResource.InjectModelUri
    String modelUri;

    private synchronized void importTrainAndPublish() {
        if (imported) {
            return;
        }
        ServiceStores stores = ServiceStores.of(cluster);
        stores.catalog().upsertItems(MARKET.items());
        stores.catalog().upsertUsers(MARKET.users());
        List<Event> events = new ArrayList<>();
        MARKET.events(events::add);
        stores.feedback().ingestValid(events::forEach, 500);
        ExampleOptions options = new ExampleOptions(ExampleOptions.Mode.IMPRESSIONS, Duration.ofMinutes(30), 4, 1.0,
                END.minus(Duration.ofDays(2)), 20, 100, 5);
        TrainerParameters parameters = new TrainerParameters(30, 4, 0.2, 0.9, 0.9, 1, 1, 0, 2, 5);
        TrainingPipeline.Result trained = new TrainingPipeline(FeatureSettings.defaults(), PipelineSettings.defaults(),
                new TrainingOptions(options, parameters, 1_000_000,
                        AlsSettings.defaults().withFactors(8).withIterations(3).withThreads(2),
                        EaseSettings.defaults()))
                .run(MARKET.items(), MARKET::events, n -> {
                });
        try (ObjectStore store = ObjectStores.open(modelUri, s3.settings())) {
            trained.publish(store, Clock.systemUTC());
        }
        admin().post("/v1/model/reload").then().statusCode(200);
        imported = true;
    }

    @Test
    void anItemUpsertReadsBack() {
        String id = unique("cluster-item");
        admin().body(Map.of("title", "Phone C", "category", "phone", "brand", "acme", "price", 299.0, "currency",
                "EUR"))
                .put("/v1/items/" + id)
                .then()
                .statusCode(200);

        admin().get("/v1/items/" + id).then().statusCode(200).body("title", equalTo("Phone C"));
    }

    @Test
    void aKnownUserGetsTwentyRankedItemsNotDegraded() {
        importTrainAndPublish();

        JsonPath r = client().body(Map.of("userId", "user-7", "count", 20))
                .post("/v1/recommend")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(r.getBoolean("degraded")).as(r.prettify()).isFalse();
        assertThat(r.getList("items.itemId")).hasSize(20).doesNotHaveDuplicates();
        assertThat(r.getString("model.version")).isNotBlank();
        assertThat(r.getList("items.sources")).allSatisfy(s -> assertThat((List<?>) s).isNotEmpty());
    }

    @Test
    void feedbackIsStoredOnceAndUpdatesTheUsersOnlineFeatures() {
        importTrainAndPublish();
        String user = unique("cluster-user");
        String item = MARKET.items().get(3).itemId();
        List<Map<String, Object>> events = List.of(
                Map.of("eventId", unique("e"), "userId", user, "type", "view", "itemId", item),
                Map.of("eventId", unique("e"), "userId", user, "type", "click", "itemId", item));
        EventLog log = ServiceStores.of(cluster).eventLog();

        client().body(Map.of("events", events))
                .post("/v1/feedback")
                .then()
                .statusCode(202)
                .body("accepted",
                        equalTo(2));
        client().body(Map.of("events", events))
                .post("/v1/feedback")
                .then()
                .statusCode(202)
                .body("duplicates",
                        equalTo(2));

        List<RecentItem> recent = ServiceStores.of(cluster).features().read(user, List.of(item)).user().interacted();
        assertThat(recent).extracting(RecentItem::itemId).containsExactly(item);
        List<String> logged = new ArrayList<>();
        for (List<EventLog.LoggedEvent> page = log.read(null, 1000); !page.isEmpty(); page = log.read(page.get(
                page.size() - 1).position(), 1000)) {
            page.forEach(e -> logged.add(e.event().eventId()));
        }
        assertThat(logged).containsOnlyOnce((String) events.get(0).get("eventId"),
                (String) events.get(1).get("eventId"));
    }

    @Test
    void readinessSeesTheCluster() {
        importTrainAndPublish();

        io.restassured.RestAssured.get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'vitrine' }.data.redis", equalTo("reachable"));
    }
}
