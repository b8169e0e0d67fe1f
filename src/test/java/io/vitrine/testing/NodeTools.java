package io.vitrine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Assumptions;

/**
 * The Node.js side of the test suite: {@code src/test/node} (its {@code package.json} and {@code package-lock.json}
 * name playwright-core and typescript) copied to {@code target/node} and installed there with {@code npm ci}, once per
 * lock file. A test that needs Node.js or Chromium and finds it missing is skipped with a message saying what to
 * install; everything else that goes wrong (an install that fails, a script that fails) fails the test.
 */
public final class NodeTools {
    /** Where the scripts run, with their node_modules. */
    public static final Path DIR = Path.of("target", "node");
    private static final Path SOURCE = Path.of("src", "test", "node");

    private NodeTools() {
    }

    /** The output and exit code of a command. */
    public record Result(int exitCode, String output) {
    }

    /**
     * Copies the scripts and installs the packages (skipped when the same lock file was installed before).
     *
     * @return the directory the scripts are in
     */
    public static synchronized Path ready() {
        requireTool("node", "Node.js 20 or newer (Debian: apt-get install nodejs npm)");
        requireTool("npm", "npm (Debian: apt-get install npm)");
        try {
            Files.createDirectories(DIR);
            try (Stream<Path> files = Files.walk(SOURCE)) {
                for (Path source : files.filter(Files::isRegularFile)
                        .filter(p -> !p.toString().contains("node_modules"))
                        .toList()) {
                    Path target = DIR.resolve(SOURCE.relativize(source).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            String lock = HexFormat.of()
                    .formatHex(DigestUtils.sha256(Files.readAllBytes(DIR.resolve(
                            "package-lock.json"))));
            Path marker = DIR.resolve("node_modules").resolve(".vitrine-installed-" + lock);
            if (!Files.exists(marker)) {
                Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts",
                        "--loglevel=error"), Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"), Duration.ofMinutes(5));
                if (install.exitCode() != 0) {
                    throw new AssertionError("npm ci in " + DIR + " failed (exit " + install.exitCode() + "):\n"
                            + install.output());
                }
                Files.writeString(marker, lock);
            }
            return DIR;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Skips the calling test, saying what to install, when {@code tool} is not on the PATH; in CI (where
     * {@code .ci/run} installs what the tests need) a missing tool fails the test instead.
     */
    public static void requireTool(String tool, String install) {
        require(onPath(tool).isPresent(), tool + " is not on the PATH; install " + install + " to run this test");
    }

    private static void require(boolean present, String message) {
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError(message + " (CI is set: .ci/run should have installed it)");
        }
        Assumptions.assumeTrue(present, () -> "SKIPPED: " + message);
    }

    /** The system Chromium ({@code CHROMIUM_PATH}, or Debian's package); skips the calling test when there is none. */
    public static Path chromium() {
        Optional<Path> found = Optional.ofNullable(System.getenv("CHROMIUM_PATH"))
                .map(Path::of)
                .filter(Files::isExecutable)
                .or(() -> Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser")
                        .map(Path::of)
                        .filter(Files::isExecutable)
                        .findFirst())
                .or(() -> onPath("chromium"));
        require(found.isPresent(), "no Chromium (set CHROMIUM_PATH, or apt-get install chromium; .ci/run installs"
                + " it)");
        return found.get();
    }

    private static Optional<Path> onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs a command in {@link #DIR} with extra environment variables (secrets go here, never in the arguments).
     *
     * @throws AssertionError when it does not finish within the timeout (it is killed)
     */
    public static Result run(List<String> command, Map<String, String> env, Duration timeout) {
        try {
            Files.createDirectories(DIR);
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(DIR.toFile())
                    .redirectErrorStream(true);
            builder.environment().putAll(env);
            Path log = Files.createTempFile("vitrine-node-", ".log");
            builder.redirectOutput(log.toFile());
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
