package io.vitrine.storage;

import java.util.Optional;

import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import io.vitrine.port.ObjectStore;

/**
 * Opens {@link ObjectStore}s from model URIs with the configured {@link StorageConfig S3 settings}; for the serving
 * model poller and the jobs alike.
 */
@Singleton
public class ObjectStoreFactory {
    private final Provider<StorageConfig> config;

    /** @param config resolved per call: this bean may be created at static init, before runtime configuration exists */
    public ObjectStoreFactory(Provider<StorageConfig> config) {
        this.config = config;
    }

    /**
     * Opens the store a URI names; see {@link ObjectStores#open} for the forms and the credential chain.
     *
     * @return the store; the caller closes it
     * @throws IllegalArgumentException when the URI or the {@code vitrine.storage.s3.*} settings are invalid
     */
    public ObjectStore open(String uri) {
        return ObjectStores.open(uri, settings(config.get().s3()));
    }

    /** The settings the configuration describes. */
    static S3Settings settings(StorageConfig.S3 s3) {
        Optional<String> id = s3.accessKeyId().filter(v -> !v.isBlank());
        Optional<String> secret = s3.secretAccessKey().filter(v -> !v.isBlank());
        if (id.isPresent() != secret.isPresent()) {
            throw new IllegalArgumentException("Set both vitrine.storage.s3.access-key-id and"
                    + " vitrine.storage.s3.secret-access-key, or neither to use the credential chain");
        }
        Optional<S3Settings.StaticKeys> keys = id.map(i -> new S3Settings.StaticKeys(i, secret.get()));
        return new S3Settings(s3.endpoint(), s3.region(), s3.pathStyle(), keys);
    }
}
