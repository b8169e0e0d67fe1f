package io.vitrine.storage;

import java.net.URI;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How Vitrine reaches object storage for {@code s3://} model URIs ({@code file:} URIs need nothing). Every key is
 * overridable by an environment variable ({@code vitrine.storage.s3.endpoint} → {@code VITRINE_STORAGE_S3_ENDPOINT}).
 */
@ConfigMapping(prefix = "vitrine.storage")
public interface StorageConfig {

    /** The S3 service behind {@code s3://} URIs: AWS S3, Alibaba OSS, MinIO or another S3-compatible store. */
    S3 s3();

    /** S3 connection settings. */
    interface S3 {
        /**
         * Endpoint of an S3-compatible store, such as {@code https://s3.oss-cn-hangzhou-internal.aliyuncs.com} or
         * {@code http://minio:9000}; unset for AWS S3 (the endpoint follows from the region).
         */
        Optional<URI> endpoint();

        /**
         * Signing region: the bucket's region on AWS (other regions are followed), OSS: the region id, e.g.
         * {@code cn-hangzhou}.
         */
        @WithDefault(S3Settings.DEFAULT_REGION)
        String region();

        /**
         * Whether to address buckets as {@code endpoint/bucket} (MinIO, most self-hosted stores) instead of by host.
         */
        @WithDefault("false")
        boolean pathStyle();

        /**
         * Static access key id, with {@code secret-access-key}, for stores without a credential chain (MinIO); leave
         * unset to use the chain ({@code ALIBABA_CLOUD_*} variables, then the AWS default chain: environment, profile,
         * container and instance roles).
         */
        Optional<String> accessKeyId();

        /** Static secret access key, with {@code access-key-id}; never logged. */
        Optional<String> secretAccessKey();
    }
}
