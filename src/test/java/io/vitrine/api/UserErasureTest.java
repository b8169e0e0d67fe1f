package io.vitrine.api;

import static io.vitrine.api.ApiTestSupport.admin;
import static io.vitrine.api.ApiTestSupport.client;
import static io.vitrine.api.ApiTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vitrine.catalog.Item;
import io.vitrine.feature.RecentItem;
import io.vitrine.feature.UserState;
import io.vitrine.port.CatalogStore;
import io.vitrine.port.FeatureStore;
import io.vitrine.testing.LogCapture;
import io.vitrine.testing.RedisServerProcess;
import io.vitrine.testing.RedisTestResource;
import io.vitrine.testing.ServiceStores;

/**
 * {@code DELETE /v1/users/{userId}}: the features are gone, recommend treats the user as unknown, and it is audited.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class UserErasureTest {
    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    private FeatureStore features;
    private CatalogStore catalog;

    @BeforeEach
    void openStores() {
        ServiceStores stores = ServiceStores.of(redis);
        features = stores.features();
        catalog = stores.catalog();
    }

    @Test
    void erasureRemovesFeaturesAndRecommendThenTreatsTheUserAsUnknown() {
        String user = unique("erase-me");
        String phone = unique("phone");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Listed just now: the newest item, so a list for an unknown user has it (new arrivals, and trending after
        // the purchase below); only a user known to have bought it is spared it.
        catalog.upsertItems(List.of(new Item(phone, "Phone", unique("cat"), "acme", 300.0, "EUR", true, now,
                List.of(), false, false)));
        admin().body(Map.of("device", "ios", "location", "CH")).put("/v1/users/" + user).then().statusCode(200);
        client().body(Map.of("events", List.of(
                Map.of("eventId", unique("e"), "userId", user, "type", "view", "itemId", phone),
                Map.of("eventId", unique("e"), "userId", user, "type", "purchase", "itemId", phone, "value", 300.0))))
                .post("/v1/feedback")
                .then()
                .statusCode(202);
        assertThat(features.read(user, List.of()).user().purchased()).extracting(RecentItem::itemId)
                .containsExactly(phone);
        assertThat(recommended(user)).as("a known buyer is not shown what they bought").doesNotContain(phone);

        client().delete("/v1/users/" + user).then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        try (LogCapture logs = LogCapture.start()) {
            admin().delete("/v1/users/" + user).then().statusCode(204).body(emptyString());

            assertThat(logs.of("io.vitrine.audit")).singleElement().satisfies(line -> {
                assertThat(line).contains("user erased: userId=" + user + " existed=true")
                        .contains("by=" + ApiKeyRing.fingerprint(ApiTestSupport.ADMIN_KEY))
                        .containsPattern("at=\\d{4}-\\d\\d-\\d\\dT")
                        .doesNotContain(ApiTestSupport.ADMIN_KEY);
            });
        }

        UserState erased = features.read(user, List.of()).user();
        assertThat(erased.fields()).isEmpty();
        assertThat(erased.interacted()).isEmpty();
        assertThat(erased.purchased()).isEmpty();
        assertThat(catalog.user(user)).isEmpty();
        assertThat(recommended(user)).as("the erased user is unknown: nothing marks the phone as bought")
                .contains(phone);
    }

    @Test
    void erasingAnUnknownUserIsA204AndInvalidIdsAreProblems() {
        try (LogCapture logs = LogCapture.start()) {
            String user = unique("never-seen");
            admin().delete("/v1/users/" + user).then().statusCode(204);
            assertThat(logs.of("io.vitrine.audit")).singleElement()
                    .satisfies(line -> assertThat(line).contains("userId=" + user + " existed=false"));
        }
        admin().delete("/v1/users/" + "x".repeat(200)).then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        admin().urlEncodingEnabled(false)
                .delete("/v1/users/%20")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE);
    }

    private static List<String> recommended(String user) {
        return client().body(Map.of("userId", user, "count", 50))
                .post("/v1/recommend")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.itemId", String.class);
    }
}
