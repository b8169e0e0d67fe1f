package io.vitrine.console;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The packaged application for the browser and client smoke tests: keys on, its own Redis key prefix (the browser test
 * runs a {@code recommend} experiment, which must not reach other tests' answers) and model directory, and deadlines a
 * loaded build machine meets on a cold first request.
 */
public class ConsoleProfile implements QuarkusTestProfile {
    public static final String CLIENT_KEY = "e2e-client-key";
    public static final String ADMIN_KEY = "e2e-admin-key";
    private static final String PREFIX = "it-console-" + UUID.randomUUID();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("vitrine.security.client-keys", CLIENT_KEY,
                "vitrine.security.admin-keys", ADMIN_KEY,
                "vitrine.redis.key-prefix", PREFIX,
                "vitrine.model.uri", "file:target/it-console-models",
                "vitrine.recommend.request-timeout", "PT5S",
                "vitrine.recommend.user-timeout", "PT5S",
                "vitrine.recommend.recall-timeout", "PT5S",
                "vitrine.recommend.features-timeout", "PT5S");
    }
}
