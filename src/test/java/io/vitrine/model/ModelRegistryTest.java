package io.vitrine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.vitrine.port.ObjectStore;
import io.vitrine.port.StoreUnavailableException;
import io.vitrine.storage.FileObjectStore;
import io.vitrine.storage.ObjectStores;
import io.vitrine.testing.MutableClock;
import io.vitrine.testing.S3ProxyServer;
import io.vitrine.testing.SharedS3;

/** Hot swap: new versions are picked up after the interval, broken ones are refused, the last good one serves on. */
class ModelRegistryTest {
    private static final Duration INTERVAL = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    static Stream<Arguments> stores() {
        S3ProxyServer s3 = SharedS3.get();
        return Stream.of(
                Arguments.of("directory", (BundlePublishingTest.StoreFactory) name -> new FileObjectStore(
                        dir.resolve(name))),
                Arguments.of("s3", (BundlePublishingTest.StoreFactory) name -> ObjectStores.open("s3://"
                        + s3.createBucket() + "/models", s3.settings())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void servesNothingUntilABundleIsPublished(String kind, BundlePublishingTest.StoreFactory stores) {
        try (ObjectStore store = stores.open("empty")) {
            ModelRegistry registry = new ModelRegistry(new BundleReader(store, TrainedFixture.SCHEMA), INTERVAL,
                    new MutableClock(Instant.parse("2026-11-26T10:00:00Z")));

            ModelRegistry.Status status = registry.reload();

            assertThat(registry.current()).isEmpty();
            assertThat(status.lastError()).contains("no bundle");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void swapsToANewVersionAfterTheIntervalAndRefusesABrokenOne(String kind,
            BundlePublishingTest.StoreFactory stores) {
        try (ObjectStore store = stores.open("hot-swap")) {
            MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
            AtomicBoolean storeDown = new AtomicBoolean();
            ModelRegistry registry = new ModelRegistry(
                    new BundleReader(new FlakyStore(store, storeDown), TrainedFixture.SCHEMA), INTERVAL, clock);
            String v1 = publish(store, clock).version();
            registry.reload();
            assertThat(registry.current()).hasValueSatisfying(b -> assertThat(b.manifest().version()).isEqualTo(v1));

            clock.advance(Duration.ofSeconds(1));
            String v2 = publish(store, clock).version();
            registry.refreshIfDue();
            assertThat(registry.current().orElseThrow().manifest().version()).as("within the interval").isEqualTo(v1);

            clock.advance(INTERVAL);
            registry.refreshIfDue();
            assertThat(registry.current().orElseThrow().manifest().version()).isEqualTo(v2);
            assertThat(registry.status().lastError()).isNull();

            clock.advance(Duration.ofSeconds(1));
            String v3 = publish(store, clock).version();
            byte[] model = store.get(v3 + "/" + BundlePublisher.MODEL_FILE).orElseThrow();
            model[10] ^= 0x7f;
            store.put(v3 + "/" + BundlePublisher.MODEL_FILE, model);
            clock.advance(INTERVAL);
            registry.refreshIfDue();
            assertThat(registry.current().orElseThrow().manifest().version()).isEqualTo(v2);
            assertThat(registry.status().lastError()).contains("checksum mismatch");
            assertThat(registry.status().refusedVersion()).isEqualTo(v3);
            assertThat(registry.status().latestVersion()).isEqualTo(v3);

            // The model store disappears: the last good model keeps serving.
            storeDown.set(true);
            clock.advance(INTERVAL);
            registry.refreshIfDue();
            assertThat(registry.current().orElseThrow().manifest().version()).isEqualTo(v2);
            assertThat(registry.status().lastError()).contains("unavailable");
            storeDown.set(false);

            // A fixed v4 replaces the refused v3.
            clock.advance(Duration.ofSeconds(1));
            String v4 = publish(store, clock).version();
            clock.advance(INTERVAL);
            registry.refreshIfDue();
            assertThat(registry.current().orElseThrow().manifest().version()).isEqualTo(v4);
            assertThat(registry.status().lastError()).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void listsThePublishedVersionsNewestFirstWithWhatTheirManifestsShow(String kind,
            BundlePublishingTest.StoreFactory stores) {
        try (ObjectStore store = stores.open("published")) {
            MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
            String v1 = publish(store, clock).version();
            clock.advance(Duration.ofSeconds(1));
            String v2 = publish(store, clock).version();
            // Another build's feature code: refused for its schema, which its manifest alone shows.
            ModelRegistry other = new ModelRegistry(new BundleReader(store, "another-schema"), INTERVAL, clock);
            ModelRegistry registry = new ModelRegistry(new BundleReader(store, TrainedFixture.SCHEMA), INTERVAL,
                    clock);

            List<BundleReader.Inspection> published = registry.published(10);
            List<BundleReader.Inspection> refused = other.published(1);
            java.util.Map<String, Integer> importance = registry.featureImportance(v2);

            assertThat(published).extracting(BundleReader.Inspection::version).containsExactly(v2, v1);
            assertThat(published).allSatisfy(i -> assertThat(i.problem()).isNull());
            assertThat(published.get(0).manifest().metrics()).containsKey("auc");
            assertThat(refused).singleElement().satisfies(i -> {
                assertThat(i.version()).isEqualTo(v2);
                assertThat(i.problem()).contains("feature schema").contains("another-schema");
            });
            assertThat(importance.keySet()).containsExactlyInAnyOrderElementsOf(published.get(0)
                    .manifest()
                    .featureSchema()
                    .names());
            assertThat(importance.values().stream().mapToInt(Integer::intValue).sum()).isPositive();
        }
    }

    private static BundleManifest publish(ObjectStore store, Clock clock) {
        return new BundlePublisher(store, clock).publish(TrainedFixture.result().model(),
                TrainedFixture.result().tables(), TrainedFixture.draft());
    }

    /** A store that fails like an unreachable S3 while {@code down} is set. */
    private record FlakyStore(ObjectStore delegate, AtomicBoolean down) implements ObjectStore {
        @Override
        public URI location() {
            return delegate.location();
        }

        @Override
        public void put(String key, byte[] content) {
            check();
            delegate.put(key, content);
        }

        @Override
        public Optional<byte[]> get(String key) {
            check();
            return delegate.get(key);
        }

        @Override
        public List<String> list(String prefix) {
            check();
            return delegate.list(prefix);
        }

        @Override
        public void delete(String key) {
            check();
            delegate.delete(key);
        }

        private void check() {
            if (down.get()) {
                throw new StoreUnavailableException("connection refused (test)", null);
            }
        }
    }
}
