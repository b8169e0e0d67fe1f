package io.vitrine.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the application's {@code vitrine.storage.s3.*} configuration at the JVM-wide shared s3proxy (endpoint,
 * path-style addressing, its static keys). Tests get the server with {@link InjectS3} (to create buckets and inspect
 * objects) rather than from {@link SharedS3} directly, so they certainly use the server the application was configured
 * with.
 */
public class S3TestResource implements QuarkusTestResourceLifecycleManager {
    private S3ProxyServer server;
    private boolean modelBucket;
    private String modelUri;

    /** Init argument {@code model-bucket=true}: create a bucket and point {@code vitrine.model.uri} at it. */
    @Override
    public void init(Map<String, String> initArgs) {
        modelBucket = Boolean.parseBoolean(initArgs.getOrDefault("model-bucket", "false"));
    }

    @Override
    public Map<String, String> start() {
        server = SharedS3.get();
        Map<String, String> config = new java.util.HashMap<>(storageConfig());
        if (modelBucket) {
            modelUri = "s3://" + server.createBucket() + "/models";
            config.put("vitrine.model.uri", modelUri);
        }
        return config;
    }

    private Map<String, String> storageConfig() {
        return Map.of(
                "vitrine.storage.s3.endpoint", server.endpoint().toString(),
                "vitrine.storage.s3.region", S3ProxyServer.REGION,
                "vitrine.storage.s3.path-style", "true",
                "vitrine.storage.s3.access-key-id", S3ProxyServer.ACCESS_KEY_ID,
                "vitrine.storage.s3.secret-access-key", S3ProxyServer.SECRET_ACCESS_KEY);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectS3.class,
                S3ProxyServer.class));
        if (modelUri != null) {
            injector.injectIntoFields(modelUri, new TestInjector.AnnotatedAndMatchesType(InjectModelUri.class,
                    String.class));
        }
    }

    @Override
    public void stop() {
        // The shared server outlives the application; its shutdown hook stops it.
    }

    /** Marks a {@link S3ProxyServer} field of a test to receive the server the application uses. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectS3 {
    }

    /**
     * Marks a {@link String} field to receive the {@code vitrine.model.uri} the application was given (with
     * {@code model-bucket=true}); unlike {@code @ConfigProperty} it also works in {@code @QuarkusIntegrationTest}.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectModelUri {
    }
}
