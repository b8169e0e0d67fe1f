package io.vitrine.testing;

import java.net.URI;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

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
 * A real S3-compatible server for tests: s3proxy in this JVM, with an in-memory ("transient") blob store, AWS signature
 * v2/v4 authentication and a free loopback port. No Docker, nothing on disk.
 */
public final class S3ProxyServer implements AutoCloseable {
    /** The access key id the server accepts. */
    public static final String ACCESS_KEY_ID = "vitrine-test-key";
    /** The secret access key the server accepts. */
    public static final String SECRET_ACCESS_KEY = "vitrine-test-secret";
    /** The region clients sign for. */
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final BlobStore blobStore;
    private final URI endpoint;
    private S3Client client;

    private S3ProxyServer(S3Proxy proxy, BlobStore blobStore, URI endpoint) {
        this.proxy = proxy;
        this.blobStore = blobStore;
        this.endpoint = endpoint;
    }

    /** Starts a server and waits until it accepts requests. */
    public static S3ProxyServer start() {
        Properties properties = new Properties();
        properties.setProperty("jclouds.identity", ACCESS_KEY_ID);
        properties.setProperty("jclouds.credential", SECRET_ACCESS_KEY);
        BlobStore store = BlobStores.create("transient", properties);
        // Port 0: the server binds a free port itself, so there is no window in which another process can take it.
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting s3proxy", e);
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start", e);
        }
        return new S3ProxyServer(proxy, store, URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    /** The server's endpoint ({@code http://127.0.0.1:<port>}). */
    public URI endpoint() {
        return endpoint;
    }

    /** Settings that reach this server: endpoint override, path-style addressing, its static keys. */
    public S3Settings settings() {
        return new S3Settings(Optional.of(endpoint), REGION, true,
                Optional.of(new S3Settings.StaticKeys(ACCESS_KEY_ID, SECRET_ACCESS_KEY)));
    }

    /**
     * A client of this server built independently of the code under test, for setting up buckets and checking what a
     * store really wrote.
     */
    public synchronized S3Client client() {
        if (client == null) {
            client = S3Client.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .endpointOverride(endpoint)
                    .forcePathStyle(true)
                    .region(Region.of(REGION))
                    .credentialsProvider(StaticCredentialsProvider
                            .create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                    // Like the stores' own clients for S3-compatible endpoints: whole signed bodies, no aws-chunked
                    // checksum trailers (s3proxy sometimes cut such uploads short under load).
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                    .build();
        }
        return client;
    }

    /** Creates a bucket no other test uses and returns its name. */
    public String createBucket() {
        String bucket = "vt-" + UUID.randomUUID().toString().replace("-", "");
        client().createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
        try {
            proxy.stop();
        } catch (Exception ignored) {
            // Stopping at JVM exit: nothing left to do about it.
        }
        blobStore.close();
    }
}
