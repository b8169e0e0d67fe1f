package io.vitrine.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vitrine.clients.KotlinClientSmoke;
import io.vitrine.testing.NodeTools;
import io.vitrine.testing.RedisTestResource;

/**
 * The clients apps use, generated in the build from the committed OpenAPI document, against the packaged jar: the
 * TypeScript client (typescript-fetch, compiled with tsc, run with Node) and the Kotlin client (jvm-okhttp4, compiled
 * by the Kotlin Maven plugin) each call recommend, feedback, ab-assign and get a 400 problem. The Java client has
 * OpenApiClientIT; Swift is generated only in the openapi workflow.
 */
@QuarkusIntegrationTest
@TestProfile(ConsoleProfile.class)
@WithTestResource(RedisTestResource.class)
class ClientSmokeIT {
    @TestHTTPResource("/")
    URL base;

    /** A catalog, so a new user's list is not empty. */
    @BeforeEach
    void catalog() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            items.add(Map.of("itemId", "smoke-" + i, "title", "Item " + i, "category", i % 2 == 0 ? "phone" : "case",
                    "brand", "acme", "price", 10 + i, "createdAt", java.time.Instant.now()
                            .minus(Duration.ofHours(1 + i))
                            .toString()));
        }
        given().header("X-Api-Key", ConsoleProfile.ADMIN_KEY)
                .contentType(ContentType.JSON)
                .body(Map.of("items", items))
                .post("/v1/items/batch")
                .then()
                .statusCode(200);
    }

    @Test
    void theTypeScriptClientCompilesWithTscAndCallsTheService() throws Exception {
        NodeTools.ready();
        NodeTools.Result compiled = NodeTools.run(List.of("node", "node_modules/typescript/bin/tsc", "-p",
                "tsconfig.json"), Map.of(), Duration.ofMinutes(3));
        assertThat(compiled.exitCode()).as("tsc:\n" + compiled.output()).isZero();

        NodeTools.Result run = NodeTools.run(List.of("node", "dist/client-smoke.js"),
                Map.of("VITRINE_URL", base.toString(), "VITRINE_CLIENT_KEY", ConsoleProfile.CLIENT_KEY),
                Duration.ofMinutes(1));

        System.out.println("client-smoke.js: " + run.output());
        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode summary = new ObjectMapper().readTree(run.output().strip().lines().reduce((a, b) -> b).orElse("{}"));
        assertThat(summary.path("checks").toString()).isEqualTo("[\"recommend\",\"feedback\",\"ab-assign\","
                + "\"400 problem\"]");
    }

    @Test
    void theKotlinClientCallsTheService() {
        assertThat(KotlinClientSmoke.run(base.toString(), ConsoleProfile.CLIENT_KEY))
                .containsExactly("recommend", "feedback", "ab-assign", "400 problem");
    }
}
