package io.vitrine.api;

import static io.vitrine.api.ApiTestSupport.client;
import static io.vitrine.api.ApiTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vitrine.port.EventLog;
import io.vitrine.testing.RedisServerProcess;
import io.vitrine.testing.RedisTestResource;
import io.vitrine.testing.ServiceStores;

/**
 * Stops the application's Redis (append-only persistence on) in the middle of a feedback stream: no event is
 * acknowledged unless stored, every acknowledged event survives the restart exactly once, and ingestion resumes by
 * itself.
 */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "dedicated", value = "true"),
        scope = TestResourceScope.RESTRICTED_TO_CLASS)
class FeedbackRedisOutageTest {

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    private EventLog log;

    @BeforeEach
    void openStores() {
        ServiceStores stores = ServiceStores.of(redis);
        log = stores.eventLog();
    }

    @Test
    void redisOutageGives503sAndLosesNothingAcknowledged() {
        String user = unique("u");
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            List<Map<String, Object>> batch = batch(user, "before-" + i, 10);
            client().body(Map.of("events", batch))
                    .post("/v1/feedback")
                    .then()
                    .statusCode(202)
                    .body("accepted", equalTo(10));
            batch.forEach(e -> acknowledged.add((String) e.get("eventId")));
        }

        redis.stop();
        List<Map<String, Object>> rejected = batch(user, "during", 5);
        for (int attempt = 0; attempt < 3; attempt++) {
            client().body(Map.of("events", rejected))
                    .post("/v1/feedback")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("2"));
        }

        redis.restart();
        // The client retries the rejected batch until Redis is reachable again: only 503 or 202, never a 5xx else.
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Response r = client().body(Map.of("events", rejected)).post("/v1/feedback");
            assertThat(r.statusCode()).isIn(202, 503);
            return r.statusCode() == 202;
        });
        rejected.forEach(e -> acknowledged.add((String) e.get("eventId")));

        // A retry of an event acknowledged before the outage is still recognised after the restart.
        client().body(batch(user, "before-0", 10).get(0))
                .post("/v1/feedback")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(0))
                .body("duplicates", equalTo(1));

        Map<String, Integer> stored = new HashMap<>();
        String position = null;
        for (List<EventLog.LoggedEvent> page; !(page = log.read(position, 1000)).isEmpty();) {
            for (EventLog.LoggedEvent le : page) {
                if (le.event().userId().equals(user)) {
                    stored.merge(le.event().eventId(), 1, Integer::sum);
                }
            }
            position = page.get(page.size() - 1).position();
        }
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(stored.values()).allMatch(count -> count == 1);
    }

    private static List<Map<String, Object>> batch(String user, String tag, int size) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            events.add(Map.of("eventId", user + "-" + tag + "-" + i, "userId", user, "type", "click", "itemId",
                    "p" + i));
        }
        return events;
    }
}
