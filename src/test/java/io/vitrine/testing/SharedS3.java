package io.vitrine.testing;

/**
 * One s3proxy per test JVM (per class loader) for every test that needs an S3-compatible server; tests are isolated by
 * their own buckets or prefixes, never by order. Stopped by a shutdown hook.
 */
public final class SharedS3 {
    private static S3ProxyServer server;

    private SharedS3() {
    }

    public static synchronized S3ProxyServer get() {
        if (server == null) {
            server = S3ProxyServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shared-s3-stop"));
        }
        return server;
    }
}
