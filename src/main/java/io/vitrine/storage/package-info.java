/**
 * Where model bundles live: the {@link io.vitrine.port.ObjectStore} adapter over one model URI, either a directory
 * ({@code file:DIR}, {@link io.vitrine.storage.FileObjectStore}) or an S3 bucket and prefix ({@code s3://bucket/prefix}
 * on AWS S3, Alibaba OSS, MinIO or any S3-compatible store, {@link io.vitrine.storage.S3ObjectStore} with the plain AWS
 * SDK v2 and its URLConnection HTTP client). Writes are atomic per object, an absent object is an empty answer, and an
 * unreachable store is reported as {@link io.vitrine.port.StoreUnavailableException}.
 * {@link io.vitrine.storage.ObjectStores} parses URIs and builds S3 clients with static keys or a credential chain (the
 * {@code ALIBABA_CLOUD_*} variables of Function Compute, then the AWS default chain); the CDI bean
 * {@link io.vitrine.storage.ObjectStoreFactory} does so from the {@code vitrine.storage.*} configuration.
 */
package io.vitrine.storage;
