package io.vitrine.api;

import static io.vitrine.api.ApiTestSupport.client;
import static io.vitrine.api.ApiTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.vitrine.port.EventLog;
import io.vitrine.testing.SecureRedisTestResource;
import io.vitrine.testing.ServiceStores;

/**
 * Redis over TLS ({@code rediss://}, the test CA trusted through the TLS registry) as an ACL user limited to the
 * commands and key prefix Vitrine needs. The user starts with another password, then lacks {@code XADD}, then has what
 * it needs: readiness is down with Redis's reason at each refusal and up at the end, feedback answers 503 while refused
 * and stores the same events once when retried afterwards, and no password ever reaches the log. In-process only: it
 * reads the application's log records.
 */
@QuarkusTest
@WithTestResource(value = SecureRedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class RedisTlsAclTest {
    @SecureRedisTestResource.InjectSecureRedis
    SecureRedisTestResource.SecureRedis redis;

    private static JsonPath readiness(int status) {
        return RestAssured.get("/q/health/ready").then().statusCode(status).extract().jsonPath();
    }

    @Test
    void aWrongPasswordAndAMissingPermissionAreReadinessErrorsAndTheRightUserWorks() {
        System.out.println(redis.tls()
                ? "Redis over TLS (rediss://, test CA)"
                : "Redis WITHOUT TLS (" + redis.withoutTls() + "); the ACL part still runs");
        String user = unique("acl-user");
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(Map.of("eventId", unique("acl-e"), "userId", user, "type", "view", "itemId", "i-" + i));
        }

        JsonPath wrongPassword = readiness(503);
        assertThat(wrongPassword.getString("checks.find { it.name == 'redis-access' }.data.access"))
                .isEqualTo("refused");
        assertThat(wrongPassword.getString("checks.find { it.name == 'redis-access' }.data.detail"))
                .contains("WRONGPASS");
        client().body(Map.of("events", batch)).post("/v1/feedback").then().statusCode(503);

        redis.grantPassword();
        redis.acl("-xadd");
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonPath missing = readiness(503);
            assertThat(missing.getString("checks.find { it.name == 'redis-access' }.data.detail"))
                    .contains("NOPERM")
                    .containsIgnoringCase("xadd");
        });
        client().body(Map.of("events", batch)).post("/v1/feedback").then().statusCode(503);

        redis.acl("+xadd");
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(
                        () -> readiness(200));
        client().body(Map.of("events", batch))
                .post("/v1/feedback")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(3))
                .body("duplicates", equalTo(0));
        client().body(Map.of("userId", user, "count", 5))
                .post("/v1/recommend")
                .then()
                .statusCode(200)
                .body("degraded", equalTo(false));
        RestAssured.get("/q/health/ready")
                .then()
                .body("checks.find { it.name == 'redis-access' }.data.access", equalTo("granted"))
                .body("checks.find { it.name == 'vitrine' }.data.redis", containsString("reachable"));

        EventLog log = ServiceStores.of(redis.server()).eventLog();
        List<String> stored = new ArrayList<>();
        log.read(null, 1000).forEach(e -> stored.add(e.event().eventId()));
        assertThat(stored).containsExactlyElementsOf(batch.stream().map(e -> (String) e.get("eventId")).toList());
        String logText = redis.capture().text();
        assertThat(logText).as("the start-up error").contains("Redis refuses Vitrine's user");
        assertThat(logText).doesNotContain(redis.password()).doesNotContain(redis.oldPassword());
    }
}
