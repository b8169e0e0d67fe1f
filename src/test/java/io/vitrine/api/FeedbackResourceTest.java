package io.vitrine.api;

import static io.vitrine.api.ApiTestSupport.client;
import static io.vitrine.api.ApiTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vitrine.catalog.Item;
import io.vitrine.event.Event;
import io.vitrine.event.EventType;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.UserFeatures;
import io.vitrine.port.CatalogStore;
import io.vitrine.port.EventLog;
import io.vitrine.port.FeatureStore;
import io.vitrine.testing.RedisServerProcess;
import io.vitrine.testing.RedisTestResource;
import io.vitrine.testing.ServiceStores;
import io.vitrine.wire.EventValidator;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class FeedbackResourceTest {
    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    private EventLog log;
    private FeatureStore features;
    private CatalogStore catalog;
    private FeatureSettings settings;

    @BeforeEach
    void openStores() {
        ServiceStores stores = ServiceStores.of(redis);
        log = stores.eventLog();
        features = stores.features();
        catalog = stores.catalog();
        settings = stores.featureSettings();
    }

    @Test
    void acceptsOneEventAndUpdatesTheOnlineFeatures() {
        String user = unique("u");
        String item = unique("p");
        catalog.upsertItems(List.of(new Item(item, "Phone", "phone", "acme", 300.0, "EUR", true, null, List.of(),
                false, false)));
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

        client().body(Map.of("eventId", unique("e"), "userId", user, "type", "purchase", "itemId", item,
                "timestamp", now, "value", 300.0, "quantity", 1, "context", Map.of("device", "ios")))
                .post("/v1/feedback")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(1))
                .body("duplicates", equalTo(0));

        UserFeatures f = UserFeatures.of(features.read(user, List.of()).user(), Instant.now(), settings);
        assertThat(f.count(EventType.PURCHASE)).isEqualTo(1);
        assertThat(f.purchased()).extracting(r -> r.itemId()).containsExactly(item);
        assertThat(f.categoryAffinity()).containsKey("phone");
        assertThat(f.meanPurchasePrice()).isEqualTo(300.0);
        assertThat(f.device()).isEqualTo("ios");
    }

    @Test
    void aRetriedEventIsCountedOnce() {
        Map<String, Object> event = Map.of("eventId", unique("e"), "userId", unique("u"), "type", "click",
                "itemId", "p1");

        client().body(event).post("/v1/feedback").then().statusCode(202).body("accepted", equalTo(1));
        client().body(event)
                .post("/v1/feedback")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(0))
                .body("duplicates", equalTo(1));
        client().body(Map.of("events", List.of(event, event)))
                .post("/v1/feedback")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(0))
                .body("duplicates", equalTo(2));
    }

    @Test
    void concurrentRetriesOfTheSameEventIdsAreCountedOnce() throws Exception {
        String user = unique("u");
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(Map.of("eventId", user + "-e" + i, "userId", user, "type", "view", "itemId", "p" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int accepted = 0;
        int duplicates = 0;
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                calls.add(() -> client().body(Map.of("events", events)).post("/v1/feedback"));
            }
            for (Future<Response> f : pool.invokeAll(calls)) {
                Response r = f.get();
                assertThat(r.statusCode()).isEqualTo(202);
                accepted += r.<Integer>path("accepted");
                duplicates += r.<Integer>path("duplicates");
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        assertThat(accepted).isEqualTo(20);
        assertThat(duplicates).isEqualTo(20 * 7);
        UserFeatures f = UserFeatures.of(features.read(user, List.of()).user(), Instant.now(), settings);
        assertThat(f.count(EventType.VIEW)).isEqualTo(20);
        assertThat(loggedEventsOf(user)).hasSize(20);
    }

    @Test
    void aBatchWithOneBadEventIsRejectedWholeAndNothingIsStored() {
        String user = unique("u");
        List<Map<String, Object>> events = List.of(
                Map.of("eventId", unique("e"), "userId", user, "type", "view", "itemId", "p1"),
                Map.of("eventId", unique("e"), "userId", user, "type", "teleport", "itemId", "p1"),
                Map.of("eventId", unique("e"), "userId", user, "type", "view"),
                Map.of("eventId", unique("e"), "userId", user, "type", "view", "itemId", "p1", "quantity", "many"));

        client().body(Map.of("events", events))
                .post("/v1/feedback")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:vitrine:problem:validation"))
                .body("status", equalTo(400))
                .body("errors.field", hasItems("events[1].type", "events[2].itemId", "events[3].quantity"))
                .body("toString()", not(containsString("Exception")));

        assertThat(loggedEventsOf(user)).isEmpty();
        assertThat(features.read(user, List.of()).user().fields()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing eventId       | {\"userId\":\"u\",\"type\":\"view\",\"itemId\":\"p\"}                               | eventId",
            "missing userId        | {\"eventId\":\"e\",\"type\":\"view\",\"itemId\":\"p\"}                              | userId",
            "missing type          | {\"eventId\":\"e\",\"userId\":\"u\",\"itemId\":\"p\"}                               | type",
            "unknown type          | {\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"x\",\"itemId\":\"p\"}                | type",
            "missing itemId        | {\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"view\"}                              | itemId",
            "search with item      | {\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"search\",\"itemId\":\"p\",\"query\":\"q\"} | itemId",
            "search without query  | {\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"search\"}                            | query",
            "bad timestamp         | {\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"view\",\"itemId\":\"p\",\"timestamp\":\"now\"} | timestamp",
            "future timestamp      | {\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"view\",\"itemId\":\"p\",\"timestamp\":\"2999-01-01T00:00:00Z\"} | timestamp",
            "ancient timestamp     | {\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"view\",\"itemId\":\"p\",\"timestamp\":\"2001-01-01T00:00:00Z\"} | timestamp",
            "negative value        | {\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"purchase\",\"itemId\":\"p\",\"value\":-5} | value",
            "value as text         | {\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"purchase\",\"itemId\":\"p\",\"value\":\"5\"} | value",
            "fractional quantity   | {\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"purchase\",\"itemId\":\"p\",\"quantity\":1.5} | quantity",
            "huge quantity         | {\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"purchase\",\"itemId\":\"p\",\"quantity\":99999999999} | quantity",
            "zero quantity         | {\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"purchase\",\"itemId\":\"p\",\"quantity\":0} | quantity",
            "numeric userId        | {\"eventId\":\"e\",\"userId\":42,\"type\":\"view\",\"itemId\":\"p\"}                | userId",
            "long requestId        | {\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"view\",\"itemId\":\"p\",\"requestId\":\"LONG\"} | requestId",
            "context not an object | {\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"view\",\"itemId\":\"p\",\"context\":[1]} | context",
            "long device           | {\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"view\",\"itemId\":\"p\",\"context\":{\"device\":\"LONG\"}} | context.device"})
    void namesTheInvalidFieldOfASingleEvent(String name, String json, String field) {
        client().body(json.replace("LONG", "x".repeat(EventValidator.MAX_REQUEST_ID_LENGTH + 1)))
                .post("/v1/feedback")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems(field));
    }

    @Test
    void anEventWithAWronglyTypedFieldStillHasItsOtherErrorsReported() {
        client().body("{\"events\":[{\"eventId\":\"e\",\"userId\":42,\"type\":\"teleport\",\"itemId\":\"p\","
                + "\"quantity\":\"two\",\"context\":{\"device\":7}}]}")
                .post("/v1/feedback")
                .then()
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("events[0].userId", "events[0].type", "events[0].quantity",
                        "events[0].context.device"))
                .body("errors.find { it.field == 'events[0].userId' }.message", equalTo("must be a string"));
    }

    @Test
    void malformedJsonIsExplained() {
        client().body("{\"eventId\": ")
                .post("/v1/feedback")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("The body is not valid JSON"))
                .body("errors[0].message", containsString("end-of-input"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON    | {\"eventId\": ",
            "array body        | [1,2]",
            "string body       | \"hello\"",
            "events not array  | {\"events\": {}}",
            "empty batch       | {\"events\": []}",
            "deep nesting      | DEEP"})
    void rejectsBodiesThatAreNotEvents(String name, String body) {
        String payload = body.equals("DEEP") ? "{\"events\":" + "[".repeat(2000) + "]".repeat(2000) + "}" : body;
        client().body(payload)
                .post("/v1/feedback")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
    }

    @Test
    void rejectsMoreThan500EventsWithoutStoringAny() {
        String user = unique("u");
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            events.add(Map.of("eventId", user + i, "userId", user, "type", "view", "itemId", "p"));
        }
        client().body(Map.of("events", events))
                .post("/v1/feedback")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("events"));
        assertThat(loggedEventsOf(user)).isEmpty();
    }

    @Test
    void wrongContentTypeIsA415Problem() {
        client().contentType("text/plain")
                .body("hello")
                .post("/v1/feedback")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    private List<Event> loggedEventsOf(String userId) {
        List<Event> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String position = null;
        while (true) {
            List<EventLog.LoggedEvent> page = log.read(position, 1000);
            if (page.isEmpty()) {
                return out;
            }
            for (EventLog.LoggedEvent le : page) {
                if (le.event().userId().equals(userId) && seen.add(le.event().eventId())) {
                    out.add(le.event());
                }
            }
            position = page.get(page.size() - 1).position();
        }
    }
}
