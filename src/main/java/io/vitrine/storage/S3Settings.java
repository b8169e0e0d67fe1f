package io.vitrine.storage;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * How to reach the S3 service of an {@code s3://} model URI. {@link #toString()} never shows the secret key.
 *
 * @param endpoint the service endpoint ({@code https://s3.oss-cn-hangzhou.aliyuncs.com}, {@code http://127.0.0.1:9000}
 *            for MinIO); empty for AWS S3, whose endpoint follows from the region
 * @param region the signing region (AWS: the bucket's region; OSS: the region id, e.g. {@code cn-hangzhou}); not blank
 * @param pathStyle whether to address buckets as {@code endpoint/bucket/key} instead of {@code bucket.endpoint/key}
 *            (MinIO and most self-hosted servers need path style; AWS and OSS accept virtual-host style)
 * @param staticKeys explicit keys; empty to use the credential chain of {@link ObjectStores}
 */
public record S3Settings(Optional<URI> endpoint, String region, boolean pathStyle, Optional<StaticKeys> staticKeys) {
    /** The region used when none is configured. */
    public static final String DEFAULT_REGION = "us-east-1";

    public S3Settings {
        if (endpoint == null || staticKeys == null) {
            throw new IllegalArgumentException("endpoint and staticKeys must be Optional, not null");
        }
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("S3 region must not be blank");
        }
        endpoint.ifPresent(S3Settings::checkEndpoint);
    }

    /** AWS S3 in {@value #DEFAULT_REGION}, virtual-host style, credentials from the chain. */
    public static S3Settings defaults() {
        return new S3Settings(Optional.empty(), DEFAULT_REGION, false, Optional.empty());
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint.map(URI::toString).orElse("(AWS)") + ", region=" + region
                + ", pathStyle=" + pathStyle + ", credentials=" + staticKeys.map(k -> "static " + k).orElse("chain")
                + "]";
    }

    private static void checkEndpoint(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
            throw new IllegalArgumentException("S3 endpoint must be an http(s) URL with a host, such as"
                    + " https://s3.oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000");
        }
        if (endpoint.getRawUserInfo() != null) {
            // Not echoed: the user info may be a key.
            throw new IllegalArgumentException("S3 endpoint must not contain credentials; set the access keys instead");
        }
    }

    /**
     * An explicit access key pair. {@link #toString()} shows the key id only.
     *
     * @param accessKeyId the access key id; not blank
     * @param secretAccessKey the secret access key; not blank
     */
    public record StaticKeys(String accessKeyId, String secretAccessKey) {
        public StaticKeys {
            if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
                throw new IllegalArgumentException("S3 access key id and secret access key must both be set");
            }
        }

        @Override
        public String toString() {
            return "StaticKeys[accessKeyId=" + accessKeyId + ", secretAccessKey=****]";
        }
    }
}
