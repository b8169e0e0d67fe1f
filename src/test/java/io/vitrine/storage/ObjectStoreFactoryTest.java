package io.vitrine.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vitrine.port.ObjectStore;
import io.vitrine.testing.S3ProxyServer;
import io.vitrine.testing.S3TestResource;

/** The CDI factory opens model URIs with the {@code vitrine.storage.s3.*} configuration of the running app. */
@QuarkusTest
// Only S3: the application does not connect to Redis while booting (its client connects on first use).
@WithTestResource(S3TestResource.class)
class ObjectStoreFactoryTest {

    @Inject
    ObjectStoreFactory factory;

    @S3TestResource.InjectS3
    S3ProxyServer s3;

    @Test
    void opensS3UrisAgainstTheConfiguredEndpointWithTheConfiguredKeys() {
        String bucket = s3.createBucket();

        try (ObjectStore store = factory.open("s3://" + bucket + "/models")) {
            store.put("LATEST", "v1".getBytes(UTF_8));

            assertThat(store.get("LATEST")).hasValueSatisfying(b -> assertThat(new String(b, UTF_8)).isEqualTo("v1"));
        }
        assertThat(s3.client().getObjectAsBytes(b -> b.bucket(bucket).key("models/LATEST")).asUtf8String())
                .isEqualTo("v1");
    }

    @Test
    void opensFileUris(@TempDir Path dir) throws Exception {
        try (ObjectStore store = factory.open("file:" + dir.resolve("models"))) {
            store.put("LATEST", "v2".getBytes(UTF_8));
        }

        assertThat(Files.readString(dir.resolve("models/LATEST"))).isEqualTo("v2");
    }
}
