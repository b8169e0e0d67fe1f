package io.vitrine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.UserFeatures;
import io.vitrine.port.EventLog;
import io.vitrine.redis.RedisCatalogStore;
import io.vitrine.redis.RedisCommands;
import io.vitrine.redis.RedisEventLog;
import io.vitrine.redis.RedisFeatureStore;
import io.vitrine.redis.RedisKeys;
import io.vitrine.testing.RedisClients;
import io.vitrine.testing.SharedRedis;

/**
 * Runs the packaged application's {@code import} job as an operator would, against a real redis-server. The native
 * function only serves (the jobs stay in the JVM artifact): against the native binary this checks it says so instead.
 */
class ImportJobIT {
    @TempDir
    Path dir;

    private final String prefix = "it-" + UUID.randomUUID();

    @Test
    void importsItemsUsersAndEventsWithoutOpeningTheHttpPort() throws Exception {
        assumeFalse(isNative(), "the native function only serves: the jobs run from the JVM artifact");
        Path items = dir.resolve("items.csv");
        Files.writeString(items, """
                itemId,title,category,brand,price,currency,inStock,createdAt,tags,promoted,blocked
                p1,Phone,phone,acme,499,EUR,true,2026-01-01T00:00:00Z,5g,false,false
                c1,Case,case,acme,19.5,EUR,true,2026-02-01T00:00:00Z,,false,false
                """);
        Path users = dir.resolve("users.jsonl");
        Files.writeString(users, "{\"userId\":\"u1\",\"device\":\"ios\",\"location\":\"CH\"}\n");
        Path events = dir.resolve("events.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1200; i++) {
            lines.append("{\"eventId\":\"e")
                    .append(i)
                    .append("\",\"userId\":\"u1\",\"type\":\"view\",\"itemId\":\"")
                    .append(i % 2 == 0 ? "p1" : "c1")
                    .append("\",\"timestamp\":\"2025-06-01T10:00:00Z\"}\n");
        }
        lines.append("{\"eventId\":\"e0\",\"userId\":\"u1\",\"type\":\"view\",\"itemId\":\"p1\"}\n");
        Files.writeString(events, lines);

        try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result result = run(occupied.getLocalPort(), "import", "--items", items.toString(), "--users",
                    users.toString(), "--events", events.toString());

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("items: 2 records loaded", "events: 1200 stored, 1 duplicates");
            // A job's output is its report: no framework warnings (Micrometer's duplicate Netty gauge was one).
            assertThat(result.output()).doesNotContain("WARN").doesNotContain("already registered");
        }
        RedisCommands redis = RedisClients.commands(SharedRedis.get());
        RedisKeys keys = new RedisKeys(prefix);
        assertThat(new RedisCatalogStore(redis, keys).items(List.of("p1", "c1")).get("c1").price()).isEqualTo(19.5);
        assertThat(new RedisCatalogStore(redis, keys).user("u1")).isPresent();
        UserFeatures u1 = UserFeatures.of(new RedisFeatureStore(redis, keys, FeatureSettings.defaults())
                .read("u1", List.of())
                .user(), Instant.parse("2025-06-02T00:00:00Z"), FeatureSettings.defaults());
        assertThat(u1.categoryAffinity()).containsOnlyKeys("phone", "case");
        assertThat(u1.counts().values()).containsExactly(1200L);
        List<EventLog.LoggedEvent> logged = new ArrayList<>();
        RedisEventLog log = new RedisEventLog(redis, keys, 1_000_000, java.time.Duration.ofDays(1));
        for (String position = null;;) {
            List<EventLog.LoggedEvent> page = log.read(position, 500);
            if (page.isEmpty()) {
                break;
            }
            logged.addAll(page);
            position = page.get(page.size() - 1).position();
        }
        assertThat(logged).hasSize(1200);

        // The export job: the log to JSON Lines, then only what is new (nothing).
        Path exported = dir.resolve("export");
        Result export = run(0, "export", "--to", "file:" + exported);
        assertThat(export.exitCode()).as(export.output()).isZero();
        assertThat(export.output()).contains("exported 1200 events in 1 files", "after the start of the log");
        try (var files = Files.list(exported)) {
            assertThat(files.map(f -> f.getFileName().toString())).hasSize(2)
                    .contains("_checkpoint")
                    .anyMatch(name -> name.startsWith("events-") && name.endsWith(".jsonl"));
        }
        Result again = run(0, "export", "--to", "file:" + exported);
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("exported 0 events in 0 files");
    }

    @Test
    void aFileWithInvalidRecordsIsRejectedWholeWithLineNumbers() throws Exception {
        assumeFalse(isNative(), "the native function only serves: the jobs run from the JVM artifact");
        Path items = dir.resolve("items.jsonl");
        Files.writeString(items, """
                {"itemId":"ok1","price":10}
                {"itemId":"bad","price":-1}
                {"title":"no id"}
                """);

        Result result = run(0, "import", "--items", items.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("items.jsonl:2: price", "items.jsonl:3: itemId",
                "2 of 3 records are invalid; nothing");
        RedisCommands redis = RedisClients.commands(SharedRedis.get());
        assertThat(new RedisCatalogStore(redis, new RedisKeys(prefix)).items(List.of("ok1"))).isEmpty();
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Result result = run(0, "--help");

        assertThat(result.exitCode()).isZero();
        if (isNative()) {
            assertThat(result.output()).contains("serve")
                    .doesNotContain("import", "train", "evaluate", "demo-data", "export");
        } else {
            assertThat(result.output()).contains("serve", "import", "demo-data", "train", "evaluate", "export");
        }
    }

    @Test
    void theNativeBinaryServesOnlyAndPointsJobsAtTheJvmArtifact() throws Exception {
        assumeTrue(isNative(), "the JVM artifact runs the jobs (the other tests)");

        for (String job : List.of("import", "demo-data", "train", "evaluate", "export")) {
            Result result = run(0, job, "--help");

            assertThat(result.exitCode()).as(job).isEqualTo(2);
            assertThat(result.output()).as(job).contains("'" + job + "' is not in this build", "quarkus-run.jar");
        }
    }

    private Result run(int httpPort, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(artifactCommand());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_REDIS_HOSTS", SharedRedis.get().uri());
        env.put("VITRINE_REDIS_KEY_PREFIX", prefix);
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        if (httpPort > 0) {
            env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        }
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(output, java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * How to start the artifact this build produced, as {@code target/quarkus-artifact.properties} names it (the file
     * {@code @QuarkusIntegrationTest} reads): the native binary under {@code -Dnative}, otherwise the jar.
     */
    private static boolean isNative() throws IOException {
        return "native".equals(artifact().getProperty("type"));
    }

    private static Properties artifact() throws IOException {
        Properties artifact = new Properties();
        try (var in = Files.newInputStream(Path.of("target", "quarkus-artifact.properties"))) {
            artifact.load(in);
        }
        return artifact;
    }

    private static List<String> artifactCommand() throws IOException {
        Properties artifact = artifact();
        Path path = Path.of("target").resolve(artifact.getProperty("path")).toAbsolutePath();
        if ("native".equals(artifact.getProperty("type"))) {
            return List.of(path.toString());
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", path.toString());
    }

    private record Result(int exitCode, String output) {
    }
}
