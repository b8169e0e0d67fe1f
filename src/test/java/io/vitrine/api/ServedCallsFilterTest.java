package io.vitrine.api;

import static io.restassured.RestAssured.given;
import static io.vitrine.api.ApiTestSupport.admin;
import static io.vitrine.api.ApiTestSupport.client;
import static io.vitrine.api.ApiTestSupport.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vitrine.testing.RedisTestResource;

/** A deployment configured as the feedback function: the other calls answer 404 problem+json. */
@QuarkusTest
@TestProfile(ServedCallsFilterTest.FeedbackFunction.class)
@WithTestResource(RedisTestResource.class)
class ServedCallsFilterTest {

    /** {@code vitrine.function.calls=feedback}, as {@code deploy/functions.yaml} configures the feedback function. */
    public static class FeedbackFunction implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vitrine.function.calls", "feedback");
        }
    }

    @Test
    void servedCallWorks() {
        client().body(Map.of("eventId", unique("e"), "userId", unique("u"), "type", "view", "itemId", "p1"))
                .post("/v1/feedback")
                .then()
                .statusCode(202);
    }

    @Test
    void publicCallNotServedIs404ProblemWithOrWithoutKey() {
        client().body(Map.of("userId", "u1"))
                .post("/v1/recommend")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:vitrine:problem:not-found"))
                .body("status", equalTo(404))
                .body("instance", equalTo("/v1/recommend"))
                .body("detail", containsString("recommend"));
        given().contentType(ContentType.JSON)
                .body(Map.of("userId", "u1"))
                .post("/v1/recommend")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void adminCallsNotServedAre404EvenWithTheAdminKey() {
        admin().body(Map.of("title", "Case", "category", "case"))
                .put("/v1/items/" + unique("item"))
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("admin"));
        admin().get("/v1/model").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void operationalEndpointsAreAlwaysServed() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
