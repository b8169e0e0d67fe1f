package io.vitrine.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.vitrine.storage.S3Settings;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * The tests' S3-compatible server: s3proxy (the root project's test server, in-memory "transient" store, AWS v2/v4
 * signatures) in a child JVM on a free loopback port. A child because its Jetty 12 needs jakarta.servlet-api 6 and
 * Spark 3.5 needs 4.0.3 of the same artifact: they cannot share the test classpath. The self-contained jar is copied to
 * {@code target/s3proxy} by the build (spark/pom.xml) and named by the system property {@code s3proxy.jar}.
 */
final class S3ProxyProcess implements AutoCloseable {
    static final String ACCESS_KEY_ID = "vitrine-test-key";
    static final String SECRET_ACCESS_KEY = "vitrine-test-secret";
    static final String REGION = "us-east-1";

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final Thread stopAtExit;
    private S3Client client;

    private S3ProxyProcess(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
        // Also when a test fails before close(): no server left behind by a normal JVM exit.
        this.stopAtExit = new Thread(process::destroyForcibly, "s3proxy-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** Starts a server, its configuration and log in {@code dir}, and waits until it answers S3 requests. */
    static S3ProxyProcess start(Path dir) {
        String jar = System.getProperty("s3proxy.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("s3proxy.jar (" + jar + ") is not there: run the tests through Maven, whose"
                    + " process-test-resources phase copies it to spark/target/s3proxy");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        IllegalStateException failure = null;
        // A free port is found by binding port 0 and closing it; another process may take it before s3proxy binds it,
        // so a server that does not come up is retried on a new port.
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = freePort();
            try {
                Path properties = dir.resolve("s3proxy-" + attempt + ".properties");
                Files.write(properties, List.of(
                        "s3proxy.endpoint=http://127.0.0.1:" + port,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + ACCESS_KEY_ID,
                        "s3proxy.credential=" + SECRET_ACCESS_KEY,
                        "jclouds.provider=transient",
                        "jclouds.identity=" + ACCESS_KEY_ID,
                        "jclouds.credential=" + SECRET_ACCESS_KEY), StandardCharsets.UTF_8);
                Path log = dir.resolve("s3proxy-" + attempt + ".log");
                Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar,
                        "--properties", properties.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                S3ProxyProcess server = new S3ProxyProcess(process, URI.create("http://127.0.0.1:" + port), log);
                try {
                    server.awaitReady(TimeUnit.SECONDS.toNanos(60));
                    return server;
                } catch (IllegalStateException e) {
                    server.close();
                    failure = e;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw failure;
    }

    private void awaitReady(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited (" + process.exitValue() + "): " + logTail());
            }
            if (accepts()) {
                try {
                    // Something listens; it is our server when it answers with our keys.
                    client().listBuckets();
                    return;
                } catch (RuntimeException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("s3proxy does not answer on " + endpoint + ": " + e, e);
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start on " + endpoint + ": " + logTail());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting s3proxy", e);
            }
        }
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", endpoint.getPort()), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The server's endpoint ({@code http://127.0.0.1:<port>}). */
    URI endpoint() {
        return endpoint;
    }

    /** Settings of the main project's S3 store that reach this server: endpoint, path-style, its keys. */
    S3Settings settings() {
        return new S3Settings(Optional.of(endpoint), REGION, true,
                Optional.of(new S3Settings.StaticKeys(ACCESS_KEY_ID, SECRET_ACCESS_KEY)));
    }

    /** A client independent of the code under test, for creating buckets. */
    synchronized S3Client client() {
        if (client == null) {
            client = S3Client.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .endpointOverride(endpoint)
                    .forcePathStyle(true)
                    .region(Region.of(REGION))
                    .credentialsProvider(StaticCredentialsProvider
                            .create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                    // As the root project's test server client: whole signed bodies, no aws-chunked trailers.
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                    .build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException ignored) {
            // Already shutting down: the hook runs anyway.
        }
    }
}
