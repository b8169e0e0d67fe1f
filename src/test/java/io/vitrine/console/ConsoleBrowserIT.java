package io.vitrine.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.vitrine.testing.NodeTools;
import io.vitrine.testing.RedisTestResource;

/**
 * The console in headless Chromium against the packaged jar: {@code src/test/node/console-e2e.mjs} (playwright-core
 * with the system Chromium, no browser download) logs in, is refused bad form input with the API's own field problems,
 * creates a {@code recommend} experiment, sends recommend and feedback traffic over three days, checks that the
 * report's plots and table show the API report's numbers and that the interactive chart renders, ramps and stops the
 * experiment, previews two variants side by side, reads the report again with JavaScript off, and logs out. Screenshots
 * are kept under {@code target/console-screenshots}.
 */
@QuarkusIntegrationTest
@TestProfile(ConsoleProfile.class)
@WithTestResource(RedisTestResource.class)
class ConsoleBrowserIT {
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    @TestHTTPResource("/")
    URL base;

    @Test
    void anOperatorLogsInRunsAnExperimentReadsItsPlotsPreviewsAndLogsOut() throws IOException {
        Path chromium = NodeTools.chromium();
        Path dir = NodeTools.ready();

        NodeTools.Result run = NodeTools.run(List.of("node", "console-e2e.mjs"),
                Map.of("VITRINE_URL", base.toString(), "VITRINE_ADMIN_KEY", ConsoleProfile.ADMIN_KEY,
                        "VITRINE_CLIENT_KEY", ConsoleProfile.CLIENT_KEY, "CHROMIUM_PATH", chromium.toString(),
                        "SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString()),
                Duration.ofMinutes(3));

        System.out.println("console-e2e.mjs in " + dir + ": " + run.output());
        assertThat(run.exitCode()).as(run.output()).isZero();
        String last = run.output().strip().lines().reduce((a, b) -> b).orElse("{}");
        JsonNode summary = new ObjectMapper().readTree(last);
        assertThat(summary.path("ok").asBoolean()).as(last).isTrue();
        assertThat(summary.path("checks").asInt()).isGreaterThan(30);
        for (String name : List.of("01-login", "02-overview", "03-form-problems", "04-report", "05-preview",
                "06-report-without-javascript", "07-overview-after-traffic")) {
            Path png = SCREENSHOTS.resolve(name + ".png");
            assertThat(png).exists();
            byte[] head = Files.readAllBytes(png);
            assertThat(head.length).as(name).isGreaterThan(5_000);
            assertThat(new String(head, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
    }
}
