package io.vitrine.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} child process on a free loopback port, for tests. The binary is the one on {@code PATH}
 * (or {@code VITRINE_TEST_REDIS_SERVER}); on a machine without one, the Linux/macOS binary shipped inside the
 * {@code embedded-redis} test dependency is extracted and used. Never assumes a Redis on 6379, never uses Docker.
 */
public final class RedisServerProcess implements AutoCloseable {
    private static volatile Path binary;

    private final int port;
    private final boolean appendOnly;
    private final Path dataDir;
    private final List<String> extraArgs;
    private int tlsPort;
    private Process process;

    private RedisServerProcess(int port, boolean appendOnly, Path dataDir, List<String> extraArgs) {
        this.port = port;
        this.appendOnly = appendOnly;
        this.dataDir = dataDir;
        this.extraArgs = List.copyOf(extraArgs);
    }

    /**
     * Starts a server.
     *
     * @param appendOnly whether to persist with an append-only file (fsync every write) so a restart keeps data
     */
    public static RedisServerProcess start(boolean appendOnly) {
        return start(appendOnly, List.of(), false);
    }

    /**
     * Starts a server with more arguments.
     *
     * @param extraArgs further {@code redis-server} arguments; {@code {dir}} in one stands for its data directory,
     *            {@code {tls-port}} for a second free port ({@link #tlsPort()}), {@code {bus-port}} for port + 10000
     * @param clusterBus whether {@code port + 10000} (the cluster bus) must be free too
     */
    public static RedisServerProcess start(boolean appendOnly, List<String> extraArgs, boolean clusterBus) {
        // A free port can be taken by another process between choosing and binding it: choose again, a few times.
        for (int attempt = 1;; attempt++) {
            try {
                return startOnce(appendOnly, extraArgs, clusterBus);
            } catch (IllegalStateException e) {
                if (attempt == 5 || !String.valueOf(e.getMessage()).contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    private static RedisServerProcess startOnce(boolean appendOnly, List<String> extraArgs, boolean clusterBus) {
        try {
            Path dir = Files.createTempDirectory("vitrine-redis-");
            int second = freePort();
            int port = clusterBus ? freePortWithBus() : freePort();
            List<String> args = extraArgs.stream()
                    .map(a -> a.replace("{dir}", dir.toString())
                            .replace("{tls-port}", Integer.toString(second))
                            .replace("{bus-port}", Integer.toString(port + 10000)))
                    .toList();
            RedisServerProcess server = new RedisServerProcess(port, appendOnly, dir, args);
            server.tlsPort = second;
            server.startProcess();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port {@code {tls-port}} stood for in the arguments (meaningful only if they used it). */
    public int tlsPort() {
        return tlsPort;
    }

    /** The data directory (nodes.conf of a cluster node, the append-only file). */
    public Path dataDir() {
        return dataDir;
    }

    /** Kills the process at once (SIGKILL): no flush, no goodbye to clients or cluster peers, as a crash would. */
    public synchronized void kill() {
        if (!isRunning()) {
            return;
        }
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the server again after {@link #kill} or {@link #stop}, same port, same data directory. */
    public synchronized void startAgain() {
        if (isRunning()) {
            return;
        }
        try {
            startProcess();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the server the way an operator would ({@code SHUTDOWN}, which flushes the append-only file). */
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        try {
            command("SHUTDOWN");
        } catch (IOException expected) {
            // The server closes the connection while shutting down.
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the server again on the same port with the same data directory. */
    public synchronized void restart() {
        stop();
        try {
            startProcess();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one inline command and returns the raw reply line (for test assertions and administration). */
    public String command(String inline) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            if (c == -1 && line.length() == 0) {
                throw new IOException("connection closed");
            }
            return line.toString();
        }
    }

    @Override
    public synchronized void close() {
        stop();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: a leftover temp directory is harmless.
        }
    }

    private void startProcess() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(binary().toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--dir", dataDir.toString(), "--daemonize", "no",
                "--protected-mode", "no", "--loglevel", "warning"));
        if (appendOnly) {
            cmd.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
        } else {
            cmd.addAll(List.of("--appendonly", "no"));
        }
        cmd.addAll(extraArgs);
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("redis.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                if ("+PONG".equals(command("PING"))) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            if (!process.isAlive()) {
                break;
            }
            sleep(20);
        }
        String log = Files.exists(dataDir.resolve("redis.log")) ? Files.readString(dataDir.resolve("redis.log")) : "";
        throw new IllegalStateException("redis-server did not start on port " + port + ": " + log);
    }

    /** The redis-server binary: PATH first, else the one bundled in the embedded-redis jar. */
    static synchronized Path binary() throws IOException {
        if (binary != null) {
            return binary;
        }
        String explicit = System.getenv("VITRINE_TEST_REDIS_SERVER");
        if (explicit != null && !explicit.isBlank()) {
            return binary = Path.of(explicit);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return binary = candidate;
            }
        }
        return binary = extractBundled();
    }

    private static Path extractBundled() throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        boolean arm = arch.contains("aarch64") || arch.contains("arm");
        String resource;
        if (os.contains("linux")) {
            resource = arm ? "redis-server-6.2.7-linux-arm64" : "redis-server-6.2.6-v5-linux-amd64";
        } else if (os.contains("mac")) {
            resource = arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
        } else {
            throw new IllegalStateException("No redis-server on PATH and no bundled binary for " + os + "/" + arch);
        }
        try (InputStream in = RedisServerProcess.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("embedded-redis does not ship " + resource);
            }
            Path dir = Files.createTempDirectory("vitrine-redis-bin-");
            dir.toFile().deleteOnExit(); // registered first, deleted last: after the file in it
            Path target = dir.resolve("redis-server");
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
            target.toFile().deleteOnExit();
            return target;
        }
    }

    /**
     * A free port whose cluster bus port ({@code + 10000}) is free too; below 55536 so that the bus port exists.
     */
    private static int freePortWithBus() throws IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20000 + random.nextInt(30000);
            if (bindable(port) && bindable(port + 10000)) {
                return port;
            }
        }
        throw new IOException("no free port pair for a cluster node");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A free loopback port (for a second listener of a server, such as its TLS port). */
    public static int freeLoopbackPort() {
        try {
            return freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
