package io.vitrine.api;

import static io.vitrine.api.ApiTestSupport.admin;
import static io.vitrine.api.ApiTestSupport.client;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vitrine.testing.RedisTestResource;

/** Beyond its burst, a key gets 429 problems with Retry-After; other keys and the operational endpoints do not. */
@QuarkusTest
@TestProfile(RateLimitTest.Tight.class)
@WithTestResource(RedisTestResource.class)
class RateLimitTest {

    /** A burst of 3, refilled at 1 per second. */
    public static class Tight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vitrine.abuse.rate-limit.enabled", "true",
                    "vitrine.abuse.rate-limit.requests-per-second", "1",
                    "vitrine.abuse.rate-limit.burst", "3");
        }
    }

    @Test
    void aKeyBeyondItsBurstGets429WithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            admin().get("/v1/model").then().statusCode(200);
        }
        // The refill (1 per second) could grant one more call if the first ones were slow: allow for it.
        int status = admin().get("/v1/model").statusCode();
        if (status == 200) {
            status = admin().get("/v1/model").statusCode();
        }
        admin().get("/v1/model")
                .then()
                .statusCode(429)
                .contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("type", equalTo("urn:vitrine:problem:rate-limited"))
                .body("status", equalTo(429));

        client().body(Map.of("userId", "someone")).post("/v1/recommend").then().statusCode(200);
        RestAssured.given().get("/q/health/live").then().statusCode(200);
        RestAssured.given().get("/v1/model").then().statusCode(401);
    }
}
