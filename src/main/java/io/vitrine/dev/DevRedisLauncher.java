package io.vitrine.dev;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * In dev mode, starts {@code redis-server} from {@code PATH} on the configured local port when nothing answers there,
 * keeping its data under {@code target/dev-redis}, and stops it with the application.
 */
@Singleton
@IfBuildProfile("dev")
public class DevRedisLauncher {
    private static final Logger LOG = Logger.getLogger(DevRedisLauncher.class);

    private final List<String> hosts;
    private Process process;

    public DevRedisLauncher(@ConfigProperty(name = "quarkus.redis.hosts") List<String> hosts) {
        this.hosts = hosts;
    }

    void start(@Observes StartupEvent event) throws IOException, InterruptedException {
        URI uri = URI.create(hosts.get(0));
        String host = uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : 6379;
        if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
            return;
        }
        if (answers(port)) {
            LOG.infof("Dev mode: using the Redis already running on port %d", port);
            return;
        }
        Optional<Path> binary = onPath("redis-server");
        if (binary.isEmpty()) {
            LOG.errorf("Dev mode: nothing answers on 127.0.0.1:%d and there is no redis-server on PATH. Install one"
                    + " (apt-get install redis-server, brew install redis) or set QUARKUS_REDIS_HOSTS.", port);
            return;
        }
        Path dir = Path.of("target", "dev-redis").toAbsolutePath();
        Files.createDirectories(dir);
        process = new ProcessBuilder(binary.get().toString(), "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--dir", dir.toString(), "--appendonly", "yes", "--save", "")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        for (int i = 0; i < 100 && !answers(port); i++) {
            Thread.sleep(50);
        }
        LOG.infof("Dev mode: started redis-server on port %d (data in %s)", port, dir);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
