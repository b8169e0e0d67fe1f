package io.vitrine.api;

import static io.vitrine.api.ApiTestSupport.admin;
import static io.vitrine.api.ApiTestSupport.client;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vitrine.model.BundlePublisher;
import io.vitrine.model.TrainedFixture;
import io.vitrine.port.ObjectStore;
import io.vitrine.storage.ObjectStores;
import io.vitrine.testing.RedisTestResource;
import io.vitrine.testing.S3ProxyServer;
import io.vitrine.testing.S3TestResource;

/** The admin model endpoints over a model URI on a real S3-compatible server. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(value = S3TestResource.class, initArgs = @ResourceArg(name = "model-bucket", value = "true"))
class ModelResourceTest {

    @S3TestResource.InjectS3
    S3ProxyServer s3;

    @S3TestResource.InjectModelUri
    String modelUri;

    @Test
    void reportsReloadsAndRefusesACorruptBundle() {
        admin().get("/v1/model")
                .then()
                .statusCode(200)
                .body("version", nullValue())
                .body("lastError", containsString("no bundle"));

        try (ObjectStore store = ObjectStores.open(modelUri, s3.settings())) {
            String v1 = publish(store, "2026-11-26T10:00:00Z");
            admin().post("/v1/model/reload")
                    .then()
                    .statusCode(200)
                    .body("version", equalTo(v1))
                    .body("metrics.auc", notNullValue())
                    .body("lastError", nullValue());

            String v2 = publish(store, "2026-11-26T11:00:00Z");
            byte[] tables = store.get(v2 + "/" + BundlePublisher.RECALL_FILE).orElseThrow();
            store.put(v2 + "/" + BundlePublisher.RECALL_FILE, java.util.Arrays.copyOf(tables, tables.length / 2));
            admin().post("/v1/model/reload")
                    .then()
                    .statusCode(200)
                    .body("version", equalTo(v1))
                    .body("latestVersion", equalTo(v2))
                    .body("lastError", containsString("checksum mismatch"));
        }
        client().post("/v1/model/reload").then().statusCode(403);
    }

    private static String publish(ObjectStore store, String at) {
        return new BundlePublisher(store, Clock.fixed(Instant.parse(at), ZoneOffset.UTC))
                .publish(TrainedFixture.result().model(), TrainedFixture.result().tables(), TrainedFixture.draft())
                .version();
    }
}
