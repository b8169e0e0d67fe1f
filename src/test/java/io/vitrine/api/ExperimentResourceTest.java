package io.vitrine.api;

import static io.vitrine.api.ApiTestSupport.admin;
import static io.vitrine.api.ApiTestSupport.client;
import static io.vitrine.api.ApiTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vitrine.catalog.Item;
import io.vitrine.port.CatalogStore;
import io.vitrine.testing.RedisServerProcess;
import io.vitrine.testing.RedisTestResource;
import io.vitrine.testing.ServiceStores;

/**
 * The experiment calls over HTTP. A dedicated Redis: running {@code recommend} experiments here must not reach the
 * other HTTP tests' responses.
 */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "dedicated", value = "true"),
        scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ExperimentResourceTest {
    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    private CatalogStore catalog;

    @BeforeEach
    void openStores() {
        ServiceStores stores = ServiceStores.of(redis);
        catalog = stores.catalog();
    }

    private static Map<String, Object> variant(String name, double weight, Map<String, Object> params) {
        return Map.of("name", name, "weight", weight, "params", params);
    }

    private static Map<String, Object> experiment(String layer, String status, double coverage, int offset,
            List<Map<String, Object>> variants) {
        return Map.of("layer", layer, "status", status, "coverage", coverage, "offset", offset, "variants",
                variants);
    }

    private static List<Map<String, Object>> twoVariants() {
        return List.of(variant("control", 1, Map.of()), variant("treatment", 1, Map.of("recall.trending.quota", 0)));
    }

    @Test
    void anExperimentIsCreatedReadListedAndItsRevisionCounts() {
        String id = unique("crud").substring(0, 40);
        admin().body(experiment("ui.home", "draft", 0.2, 100, List.of(variant("control", 9, Map.of()),
                variant("big", 1, Map.of("size", "xl", "rows", 3)))))
                .put("/v1/experiments/" + id)
                .then()
                .statusCode(200)
                .body("revision", equalTo(1))
                .body("salt", equalTo(id))
                .body("status", equalTo("draft"))
                .body("variants[1].params.rows", equalTo(3));

        admin().get("/v1/experiments/" + id).then().statusCode(200).body("coverage", equalTo(0.2f));
        admin().get("/v1/experiments").then().statusCode(200).body("id", hasItem(id));
        admin().body(Map.of("layer", "ui.home", "status", "running", "revision", 1, "variants",
                List.of(variant("control", 9, Map.of()), variant("big", 1, Map.of("size", "xl", "rows", 3)))))
                .put("/v1/experiments/" + id)
                .then()
                .statusCode(200)
                .body("revision", equalTo(2));
        admin().get("/v1/experiments/nope").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void badDefinitionsAreProblemsNamingEachField() {
        admin().body(Map.of("layer", "recommend", "coverage", "lots", "variants",
                List.of(variant("control", -1, Map.of("recall.bogus.quota", 3)))))
                .put("/v1/experiments/bad")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", containsInAnyOrder("coverage", "variants", "variants[0].weight",
                        "variants[0].params.recall.bogus.quota"));
        admin().body("[1,2]").put("/v1/experiments/bad").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        admin().body(experiment("recommend", "draft", 1, 0, twoVariants()))
                .put("/v1/experiments/has space")
                .then()
                .statusCode(400)
                .body("errors.field", contains("id"));
        admin().get("/v1/experiments/bad").then().statusCode(404);
    }

    @Test
    void conflictsAre409ProblemsAndStoreNothing() {
        String id = unique("conflict").substring(0, 40);
        admin().body(experiment("ui.checkout", "running", 0.3, 0, List.of(variant("a", 1, Map.of()),
                variant("b", 1, Map.of())))).put("/v1/experiments/" + id).then().statusCode(200);

        admin().body(experiment("ui.checkout", "running", 0.3, 0, List.of(variant("a", 2, Map.of()),
                variant("b", 1, Map.of()))))
                .put("/v1/experiments/" + id)
                .then()
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("running"));
        admin().delete("/v1/experiments/" + id).then().statusCode(409).contentType(Problem.MEDIA_TYPE);
        admin().get("/v1/experiments/" + id).then().body("variants[0].weight", equalTo(1.0f));
        admin().body(experiment("ui.checkout", "stopped", 0.3, 0, List.of(variant("a", 1, Map.of()),
                variant("b", 1, Map.of())))).put("/v1/experiments/" + id).then().statusCode(200);
        admin().delete("/v1/experiments/" + id).then().statusCode(204);
        admin().get("/v1/experiments/" + id).then().statusCode(404);
    }

    @Test
    void adminCallsNeedAnAdminKey() {
        client().get("/v1/experiments").then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        client().body(experiment("ui.x", "draft", 1, 0, twoVariants()))
                .put("/v1/experiments/sneaky")
                .then()
                .statusCode(403);
    }

    @Test
    void abAssignGivesStableVariantsAndReportsUnknownIds() {
        String id = unique("assign").substring(0, 40);
        admin().body(experiment("ui.search", "running", 1, 0, List.of(variant("control", 1, Map.of()),
                variant("fuzzy", 1, Map.of("fuzziness", 2))))).put("/v1/experiments/" + id).then().statusCode(200);

        JsonPath first = client().body(Map.of("userId", "u-77", "experiments", List.of(id, "missing")))
                .post("/v1/ab-assign")
                .then()
                .statusCode(200)
                .body("userId", equalTo("u-77"))
                .body("unknownExperiments", contains("missing"))
                .extract()
                .jsonPath();
        assertThat(first.getList("assignments.experiment")).containsExactly(id);
        String variant = first.getString("assignments[0].variant");
        for (int i = 0; i < 5; i++) {
            client().body(Map.of("userId", "u-77", "experiments", List.of(id)))
                    .post("/v1/ab-assign")
                    .then()
                    .body("assignments[0].variant", equalTo(variant));
        }
        client().body(Map.of("userId", "u-77"))
                .post("/v1/ab-assign")
                .then()
                .statusCode(200)
                .body("assignments.experiment", hasItem(id));
        client().body(Map.of("experiments", List.of(1, 2)))
                .post("/v1/ab-assign")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem("userId"));
    }

    @Test
    void feedbackWithARecommendRequestIdCountsInItsVariantOnceAndTheReportShowsIt() {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            items.add(new Item("exp-item-" + i, "Item " + i, i % 2 == 0 ? "phone" : "case", "acme", 10.0 + i, "EUR",
                    true, Instant.now().minusSeconds(86_400L * i), List.of(), false, false));
        }
        catalog.upsertItems(items);
        String id = "rec-" + unique("x").substring(0, 20);
        admin().body(experiment("recommend", "running", 1, 0, twoVariants()))
                .put("/v1/experiments/" + id)
                .then()
                .statusCode(200);

        Map<String, String> variantOf = new java.util.HashMap<>();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int u = 0; u < 10; u++) {
            String user = "exp-user-" + u;
            JsonPath r = client().body(Map.of("userId", user, "count", 5))
                    .post("/v1/recommend")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(r.getList("experiments.id")).containsExactly(id);
            variantOf.put(user, r.getString("experiments[0].variant"));
            String requestId = r.getString("requestId");
            events.add(Map.of("eventId", user + "-imp", "userId", user, "type", "impression", "itemId",
                    "exp-item-0", "requestId", requestId));
            events.add(Map.of("eventId", user + "-click", "userId", user, "type", "click", "itemId", "exp-item-0",
                    "requestId", requestId));
        }
        client().body(Map.of("events", events))
                .post("/v1/feedback")
                .then()
                .statusCode(202)
                .body("accepted",
                        equalTo(20));
        client().body(Map.of("events", events))
                .post("/v1/feedback")
                .then()
                .statusCode(202)
                .body("duplicates",
                        equalTo(20));

        JsonPath report = admin().get("/v1/experiments/" + id + "/report")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        long treated = variantOf.values().stream().filter("treatment"::equals).count();
        assertThat(report.getString("control")).isEqualTo("control");
        assertThat(report.getList("variants.name")).containsExactly("control", "treatment");
        assertThat(report.getLong("variants[1].users")).isEqualTo(treated);
        assertThat(report.getLong("variants[1].impressions")).isEqualTo(treated);
        assertThat(report.getLong("variants[1].clicks")).isEqualTo(treated);
        assertThat(report.getLong("variants[0].clicks")).isEqualTo(10 - treated);
        assertThat(report.getBoolean("sampleRatio.mismatch")).isFalse();
    }
}
