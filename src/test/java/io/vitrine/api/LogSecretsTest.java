package io.vitrine.api;

import static io.vitrine.api.ApiTestSupport.ADMIN_KEY;
import static io.vitrine.api.ApiTestSupport.CLIENT_KEY;
import static io.vitrine.api.ApiTestSupport.HASHED_CLIENT_KEY;
import static io.vitrine.api.ApiTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vitrine.testing.LogCapture;
import io.vitrine.testing.RedisTestResource;

/**
 * No API key or user token ever reaches the logs: every record the application writes (DEBUG and above, any category,
 * stack traces included) during calls with good, bad and misused keys and tokens is scanned for them.
 */
@QuarkusTest
@TestProfile(TestUserTokens.Profile.class)
@WithTestResource(RedisTestResource.class)
class LogSecretsTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void noKeyOrTokenAppearsInTheLogs() throws IOException {
        String user = unique("u");
        String wrongKey = "wrong-key-" + unique("k");
        String token = TestUserTokens.token(user);
        List<String> tokens = List.of(token,
                TestUserTokens.token(user, c -> c.setExpirationTimeMinutesInTheFuture(-5)),
                TestUserTokens.token(user, c -> c.setIssuer("https://elsewhere.example")),
                token.substring(0, token.length() - 4) + "AAAA",
                "eyJhbGciOiJub25lIn0." + token.split("\\.")[1] + ".",
                "garbage-token-" + unique("t"));

        String logs;
        try (LogCapture capture = LogCapture.start()) {
            for (String key : List.of(CLIENT_KEY, HASHED_CLIENT_KEY, ADMIN_KEY, wrongKey)) {
                for (String bearer : tokens) {
                    call(key, bearer, "POST", "/v1/recommend", "{\"userId\":\"" + user + "\",\"count\":5}");
                    call(key, bearer, "POST", "/v1/feedback", "{\"eventId\":\"" + unique("e") + "\",\"userId\":\""
                            + user + "\",\"type\":\"view\",\"itemId\":\"p-1\"}");
                    call(key, bearer, "POST", "/v1/recommend", "{\"userId\":\"" + unique("other") + "\"}");
                    call(key, bearer, "POST", "/v1/recommend", "{\"userId\": [");
                }
                call(key, token, "GET", "/v1/model", null);
                call(key, token, "PUT", "/v1/items/" + unique("i"), "{\"title\":\"x\",\"createdAt\":\"soon\"}");
                call(key, token, "DELETE", "/v1/users/" + unique("gone"), null);
                call(key, null, "POST", "/v1/recommend", "{\"userId\":\"" + user + "\"}");
            }
            call(ADMIN_KEY + "\u00e9", token, "GET", "/v1/model", null);
            logs = capture.text();
        }

        assertThat(logs).as("the capture saw the application's records").contains("io.vitrine.audit");
        List<String> secrets = new ArrayList<>(List.of(CLIENT_KEY, HASHED_CLIENT_KEY, ADMIN_KEY, wrongKey));
        for (String t : tokens) {
            secrets.add(t);
            for (String part : t.split("\\.")) {
                if (part.length() >= 16) {
                    secrets.add(part);
                }
            }
        }
        for (String secret : secrets) {
            assertThat(logs).as("logs must not contain a key or token").doesNotContain(secret);
        }
    }

    /** Sent with {@link RawHttp}, which logs nothing, so every captured record is the application's. */
    private void call(String key, String bearer, String method, String path, String body) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ApiKeyFilter.HEADER, key);
        if (bearer != null) {
            headers.put("Authorization", "Bearer " + bearer);
        }
        headers.put("Content-Type", "application/json");
        RawHttp.Response response = new RawHttp(base.getPort()).send(new RawHttp.Request(method, path, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), false));
        assertThat(response.status()).as("%s %s answered", method, path).isBetween(200, 499);
    }
}
