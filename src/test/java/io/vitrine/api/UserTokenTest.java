package io.vitrine.api;

import static io.vitrine.api.ApiTestSupport.admin;
import static io.vitrine.api.ApiTestSupport.client;
import static io.vitrine.api.ApiTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vitrine.port.FeatureStore;
import io.vitrine.testing.RedisServerProcess;
import io.vitrine.testing.RedisTestResource;
import io.vitrine.testing.ServiceStores;

/** With user tokens on, a client key may only name the user its token is for; admin keys act for anyone. */
@QuarkusTest
@TestProfile(TestUserTokens.Profile.class)
@WithTestResource(RedisTestResource.class)
class UserTokenTest {
    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    private FeatureStore features;

    @BeforeEach
    void openStores() {
        ServiceStores stores = ServiceStores.of(redis);
        features = stores.features();
    }

    @Test
    void recommendIsForTheTokensSubjectOnly() {
        String user = unique("u");
        String bearer = "Bearer " + TestUserTokens.token(user);

        client().header("Authorization", bearer)
                .body(Map.of("userId", user))
                .post("/v1/recommend")
                .then()
                .statusCode(200)
                .body("userId", equalTo(user));
        client().header("Authorization", bearer)
                .body(Map.of("userId", unique("someone-else")))
                .post("/v1/recommend")
                .then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:vitrine:problem:forbidden"))
                .body("errors.field", contains("userId"));
        admin().body(Map.of("userId", unique("anyone"))).post("/v1/recommend").then().statusCode(200);
    }

    @Test
    void missingOrInvalidTokensAre401ProblemsBeforeTheBodyIsRead() {
        String user = unique("u");
        client().body(Map.of("userId", user))
                .post("/v1/recommend")
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("detail", containsString("required"));
        for (Map.Entry<String, String> bad : Map.of(
                "expired", TestUserTokens.token(user, c -> c.setExpirationTimeMinutesInTheFuture(-5)),
                "wrong issuer", TestUserTokens.token(user, c -> c.setIssuer("https://elsewhere.example")),
                "wrong audience", TestUserTokens.token(user, c -> c.setAudience("another-app")),
                "signature", TestUserTokens.token(user) + "x").entrySet()) {
            client().header("Authorization", "Bearer " + bad.getValue())
                    .body("{\"userId\": ") // malformed on purpose: the token is refused first
                    .post("/v1/recommend")
                    .then()
                    .statusCode(401)
                    .contentType(Problem.MEDIA_TYPE)
                    .body("detail", containsString(bad.getKey()));
        }
        given().header("Authorization", "Bearer " + TestUserTokens.token(user))
                .contentType(ContentType.JSON)
                .body(Map.of("userId", user))
                .post("/v1/recommend")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("ApiKey"));
    }

    @Test
    void everyEventOfAFeedbackCallMustBeTheSubjectsAndNothingIsStoredOtherwise() {
        String user = unique("u");
        String other = unique("other");
        String bearer = "Bearer " + TestUserTokens.token(user);

        client().header("Authorization", bearer)
                .body(Map.of("events", List.of(event(user), event(other), event(user))))
                .post("/v1/feedback")
                .then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("events[1].userId"));
        assertThat(features.read(user, List.of()).user().fields()).as("nothing stored").isEmpty();

        client().header("Authorization", bearer).body(event(user)).post("/v1/feedback").then().statusCode(202);
        client().header("Authorization", bearer)
                .body(event(other))
                .post("/v1/feedback")
                .then()
                .statusCode(403)
                .body("errors.field", contains("userId"));
        admin().body(Map.of("events", List.of(event(user), event(other))))
                .post("/v1/feedback")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(2));
    }

    private static Map<String, Object> event(String user) {
        return Map.of("eventId", unique("e"), "userId", user, "type", "view", "itemId", "p-1");
    }

    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given();
    }
}
