package io.vitrine.testing;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the tests' S3-compatible server (s3proxy, in memory) on its own for scripts such as
 * {@code deploy/measure-start.sh}: creates the bucket named by the first argument, prints shell assignments of the
 * endpoint, region and keys on one line each, and serves until the process is stopped.
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:$(cat target/cp.txt) io.vitrine.testing.S3ProxyMain models
 * </pre>
 */
public final class S3ProxyMain {
    private S3ProxyMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String bucket = args.length > 0 ? args[0] : "models";
        S3ProxyServer server = S3ProxyServer.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "s3proxy-stop"));
        server.client().createBucket(b -> b.bucket(bucket));
        System.out.println("S3_ENDPOINT=" + server.endpoint());
        System.out.println("S3_REGION=" + S3ProxyServer.REGION);
        System.out.println("S3_ACCESS_KEY_ID=" + S3ProxyServer.ACCESS_KEY_ID);
        System.out.println("S3_SECRET_ACCESS_KEY=" + S3ProxyServer.SECRET_ACCESS_KEY);
        System.out.println("S3_BUCKET=" + bucket);
        System.out.flush();
        stopped.await();
    }
}
