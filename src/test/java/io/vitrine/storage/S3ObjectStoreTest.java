package io.vitrine.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vitrine.port.ObjectStore;
import io.vitrine.port.ObjectStoreContract;
import io.vitrine.port.StoreUnavailableException;
import io.vitrine.testing.S3ProxyServer;
import io.vitrine.testing.SharedS3;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The object store contract against a real S3-compatible server (s3proxy in this JVM), through a client built by
 * {@link ObjectStores} from the URI {@code s3://<own bucket>/models}; plus what is particular to S3.
 */
class S3ObjectStoreTest extends ObjectStoreContract {
    private static final S3ProxyServer SERVER = SharedS3.get();

    /** The bucket of the current test's store: every test has its own. */
    private String bucket;

    @Override
    protected ObjectStore newStore() {
        bucket = SERVER.createBucket();
        return ObjectStores.open("s3://" + bucket + "/models", SERVER.settings());
    }

    @Override
    protected S3Settings settings() {
        return SERVER.settings();
    }

    @Test
    void objectsLiveUnderThePrefixOfTheUri() {
        store().put("v1/model.tribuo", "m".getBytes(UTF_8));

        assertThat(rawKeys()).containsExactly("models/v1/model.tribuo");
        assertThat(store().location()).isEqualTo(URI.create("s3://" + bucket + "/models"));
    }

    @Test
    void seesNothingOutsideItsPrefix() {
        S3Client raw = SERVER.client();
        for (String key : List.of("other/LATEST", "models-b/LATEST", "modelsLATEST", "LATEST")) {
            raw.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("x"));
        }
        store().put("LATEST", "v1".getBytes(UTF_8));

        assertThat(store().list("")).containsExactly("LATEST");
        assertThat(store().get("LATEST")).hasValueSatisfying(b -> assertThat(new String(b, UTF_8)).isEqualTo("v1"));
        store().delete("LATEST");
        assertThat(rawKeys()).containsExactly("LATEST", "models-b/LATEST", "modelsLATEST", "other/LATEST");
    }

    @Test
    void aStoreWithoutPrefixUsesTheWholeBucket() {
        try (ObjectStore whole = ObjectStores.open("s3://" + bucket, SERVER.settings())) {
            store().put("v1/manifest.json", "{}".getBytes(UTF_8));

            assertThat(whole.location()).isEqualTo(URI.create("s3://" + bucket));
            assertThat(whole.list("")).containsExactly("models/v1/manifest.json");
            assertThat(whole.get("models/v1/manifest.json")).isPresent();
        }
    }

    @Test
    void skipsFolderMarkersThatConsolesCreate() {
        SERVER.client().putObject(b -> b.bucket(bucket).key("models/v1/"), RequestBody.empty());
        store().put("v1/model.tribuo", new byte[]{1});

        assertThat(store().list("")).containsExactly("v1/model.tribuo");
    }

    @Test
    void leavesAClientItDidNotCreateOpen() {
        S3ObjectStore borrowed = new S3ObjectStore(SERVER.client(), bucket, "borrowed");
        borrowed.put("LATEST", new byte[]{1});

        borrowed.close();

        assertThat(SERVER.client().getObjectAsBytes(b -> b.bucket(bucket).key("borrowed/LATEST")).asByteArray())
                .containsExactly(1);
    }

    @Test
    void aMissingBucketIsAFailureNotAnAbsence() {
        try (ObjectStore store = ObjectStores.open("s3://vt-no-such-bucket/models", SERVER.settings())) {
            assertThatThrownBy(() -> store.get("LATEST")).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("vt-no-such-bucket");
            assertThatThrownBy(() -> store.put("LATEST", new byte[]{1}))
                    .isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> store.list("")).isInstanceOf(StoreUnavailableException.class);
        }
    }

    @Test
    void wrongCredentialsAreReportedAsUnavailableWithoutTheSecret() {
        S3Settings wrong = new S3Settings(Optional.of(SERVER.endpoint()), S3ProxyServer.REGION, true,
                Optional.of(new S3Settings.StaticKeys(S3ProxyServer.ACCESS_KEY_ID, "not-the-secret-7f3a")));
        try (ObjectStore store = ObjectStores.open("s3://" + bucket + "/models", wrong)) {
            assertThatThrownBy(() -> store.put("LATEST", new byte[]{1}))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageNotContaining("not-the-secret-7f3a");
            assertThatThrownBy(() -> store.get("LATEST")).isInstanceOf(StoreUnavailableException.class);
        }
        assertThat(rawKeys()).isEmpty();
    }

    @Test
    void anUnreachableEndpointIsReportedAsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        S3Settings nowhere = new S3Settings(Optional.of(URI.create("http://127.0.0.1:" + closedPort)),
                S3ProxyServer.REGION, true, SERVER.settings().staticKeys());
        try (ObjectStore store = ObjectStores.open("s3://" + bucket + "/models", nowhere)) {
            assertThatThrownBy(() -> store.get("LATEST")).isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> store.put("LATEST", new byte[]{1}))
                    .isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> store.list("")).isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> store.delete("LATEST")).isInstanceOf(StoreUnavailableException.class);
        }
    }

    private List<String> rawKeys() {
        return SERVER.client()
                .listObjectsV2Paginator(b -> b.bucket(bucket))
                .contents()
                .stream()
                .map(S3Object::key)
                .sorted()
                .toList();
    }
}
