package io.vitrine.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the application at a real redis-server: the JVM-wide shared one by default, or, with the init argument
 * {@code dedicated=true}, one of its own with append-only persistence that the test may stop and restart (inject it
 * with {@link InjectRedis}). A dedicated server must be declared with {@code scope = RESTRICTED_TO_CLASS}: with the
 * default scope Quarkus keeps one application (and so one server) for consecutive classes whose resources are equal,
 * and a class would see the data of its neighbour.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {
    private RedisServerProcess server;
    private boolean dedicated;

    @Override
    public void init(Map<String, String> initArgs) {
        dedicated = Boolean.parseBoolean(initArgs.getOrDefault("dedicated", "false"));
    }

    @Override
    public Map<String, String> start() {
        server = dedicated ? RedisServerProcess.start(true) : SharedRedis.get();
        return Map.of("quarkus.redis.hosts", server.uri());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectRedis.class,
                RedisServerProcess.class));
    }

    @Override
    public void stop() {
        if (dedicated && server != null) {
            server.close();
        }
    }

    /** Marks a {@link RedisServerProcess} field of a test to receive the server the application uses. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectRedis {
    }
}
