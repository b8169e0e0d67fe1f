package io.vitrine.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.vitrine.port.ObjectStore;
import io.vitrine.port.StoreUnavailableException;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@link ObjectStore} in an S3 bucket under a key prefix: key {@code a/b} is the object {@code <prefix>/a/b}. Works
 * with AWS S3 and S3-compatible stores (Alibaba OSS, MinIO, ...); build the client with {@link ObjectStores#open}.
 *
 * <p>
 * S3 replaces an object atomically on {@code PUT}, which gives {@link #put} its guarantee. Objects in the bucket whose
 * relative key is not a valid key (for example "folder" markers ending with {@code /} that consoles create) are not
 * listed. Every SDK failure (unreachable endpoint, bad credentials, access denied, missing bucket) is reported as
 * {@link StoreUnavailableException}; only a missing object is an absence.
 */
public final class S3ObjectStore implements ObjectStore {
    private final S3Client client;
    private final String bucket;
    private final String prefix;
    private final boolean ownsClient;
    private final URI location;

    /**
     * A store on a client the caller owns (and closes).
     *
     * @param bucket the bucket name
     * @param prefix the key prefix of every object, without leading or trailing {@code /}; empty for the whole bucket
     */
    public S3ObjectStore(S3Client client, String bucket, String prefix) {
        this(client, bucket, prefix, false);
    }

    /** @param ownsClient whether {@link #close()} closes the client (true when {@link ObjectStores} built it) */
    S3ObjectStore(S3Client client, String bucket, String prefix, boolean ownsClient) {
        if (client == null) {
            throw new IllegalArgumentException("S3 client is required");
        }
        if (bucket == null || bucket.isBlank() || bucket.contains("/")) {
            throw new IllegalArgumentException("Invalid S3 bucket name '" + bucket + "'");
        }
        String normalized = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        if (!normalized.isEmpty() && !ObjectKeys.isKey(normalized)) {
            throw new IllegalArgumentException("Invalid S3 key prefix '" + prefix + "': use '/'-separated segments"
                    + " without '.', '..', empty segments or backslashes");
        }
        this.client = client;
        this.bucket = bucket;
        this.prefix = normalized;
        this.ownsClient = ownsClient;
        try {
            this.location = new URI("s3", bucket, normalized.isEmpty() ? "" : "/" + normalized, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid S3 bucket name '" + bucket + "'", e);
        }
    }

    /** The bucket. */
    public String bucket() {
        return bucket;
    }

    /** The key prefix of every object, without leading or trailing {@code /}; empty for the whole bucket. */
    public String prefix() {
        return prefix;
    }

    @Override
    public URI location() {
        return location;
    }

    @Override
    public void put(String key, byte[] content) {
        String objectKey = objectKey(key);
        try {
            client.putObject(b -> b.bucket(bucket).key(objectKey).contentLength((long) content.length),
                    RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw unavailable("write", objectKey, e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        String objectKey = objectKey(key);
        try {
            return Optional.of(client.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey)).asByteArrayUnsafe());
        } catch (NoSuchKeyException absent) {
            return Optional.empty();
        } catch (AwsServiceException e) {
            // Some S3-compatible servers answer a bare 404 without the NoSuchKey code; a missing bucket is not an
            // absent object but a misconfiguration, so it stays an error.
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(e))) {
                return Optional.empty();
            }
            throw unavailable("read", objectKey, e);
        } catch (SdkException e) {
            throw unavailable("read", objectKey, e);
        }
    }

    @Override
    public List<String> list(String listPrefix) {
        ObjectKeys.requirePrefix(listPrefix);
        String base = prefix.isEmpty() ? "" : prefix + "/";
        List<String> keys = new ArrayList<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(base + listPrefix))
                    .contents()) {
                String key = object.key().substring(base.length());
                if (ObjectKeys.isKey(key)) {
                    keys.add(key);
                }
            }
        } catch (SdkException e) {
            throw unavailable("list", base + listPrefix, e);
        }
        // S3 lists in UTF-8 byte order; sort the same way as every other store (String order).
        keys.sort(null);
        return keys;
    }

    @Override
    public void delete(String key) {
        String objectKey = objectKey(key);
        try {
            // S3 answers 204 for a missing key too, so deleting twice is fine.
            client.deleteObject(b -> b.bucket(bucket).key(objectKey));
        } catch (SdkException e) {
            throw unavailable("delete", objectKey, e);
        }
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "S3ObjectStore[" + location + "]";
    }

    private String objectKey(String key) {
        ObjectKeys.requireKey(key);
        return prefix.isEmpty() ? key : prefix + "/" + key;
    }

    private StoreUnavailableException unavailable(String action, String objectKey, SdkException e) {
        String hint = "";
        if (e instanceof AwsServiceException service && service.statusCode() == 403 && "read".equals(action)) {
            // S3 reports a missing object as 403 to callers without s3:ListBucket; say so, it is a common surprise.
            hint = " (without list permission on the bucket, S3 reports a missing object as access denied)";
        }
        return new StoreUnavailableException("Cannot " + action + " s3://" + bucket + "/" + objectKey + ": "
                + e.getMessage() + hint, e);
    }

    private static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}
