package io.vitrine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.vitrine.port.ObjectStore;
import io.vitrine.rank.TreeEnsemble;
import io.vitrine.rank.TreeEnsembleRanker;
import io.vitrine.rank.TribuoRanker;
import io.vitrine.recall.RecallTables;
import io.vitrine.storage.FileObjectStore;
import io.vitrine.storage.ObjectStores;
import io.vitrine.testing.S3ProxyServer;
import io.vitrine.testing.SharedS3;
import io.vitrine.train.TrainingExample;
import io.vitrine.train.TrainingPipeline;

/** Publishing a trained bundle and reading it back, on a directory and on a real S3-compatible server. */
class BundlePublishingTest {
    private static final String SCHEMA = TrainedFixture.SCHEMA;
    private static TrainingPipeline.Result trained;
    private static BundleManifest draft;

    @TempDir
    static Path dir;

    @BeforeAll
    static void train() {
        trained = TrainedFixture.result();
        draft = TrainedFixture.draft();
    }

    static Stream<Arguments> stores() {
        S3ProxyServer s3 = SharedS3.get();
        return Stream.of(
                Arguments.of("directory", (StoreFactory) name -> new FileObjectStore(dir.resolve(name))),
                Arguments.of("s3", (StoreFactory) name -> ObjectStores.open("s3://" + s3.createBucket() + "/models",
                        s3.settings())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aPublishedBundleReadsBackVerifiedAndScoresExactlyAsTrained(String kind, StoreFactory stores) {
        try (ObjectStore store = stores.open("read-back")) {
            BundleManifest published = publisher(store, "2026-11-26T10:00:00Z").publish(trained.model(),
                    trained.tables(), draft);

            ModelBundle loaded = ModelCodec.reader(store, SCHEMA, ModelBundle.Evaluator.TRIBUO)
                    .loadLatest()
                    .orElseThrow();

            assertThat(loaded.manifest()).isEqualTo(published);
            assertThat(loaded.manifest().formatVersion()).isEqualTo(BundleManifest.FORMAT_VERSION);
            assertThat(loaded.manifest().files()).containsOnlyKeys(BundlePublisher.MODEL_FILE,
                    BundlePublisher.TREES_FILE, BundlePublisher.RECALL_FILE);
            assertThat(loaded.manifest().model().trees()).isEqualTo(new BundleManifest.TreesInfo(
                    BundlePublisher.TREES_FILE, TreeEnsemble.FORMAT, TreeEnsemble.FORMAT_VERSION));
            List<double[]> vectors = trained.validation().stream().map(TrainingExample::features).toList();
            assertThat(vectors).hasSizeGreaterThan(100);
            assertThat(loaded.ranker()).isInstanceOf(TribuoRanker.class);
            assertThat(loaded.ranker().score(vectors))
                    .containsExactly(new TribuoRanker(trained.model()).score(vectors));
            // The default (java) evaluator serves the same bundle from its trees file.
            assertThat(new BundleReader(store, SCHEMA).loadLatest().orElseThrow().ranker())
                    .isInstanceOf(TreeEnsembleRanker.class);
            RecallTables tables = loaded.tables();
            String anyItem = trained.tables().neighbours(RecallTables.COOCCURRENCE).items().get(0);
            assertThat(tables.neighbours(RecallTables.COOCCURRENCE).neighbours(anyItem))
                    .isEqualTo(trained.tables().neighbours(RecallTables.COOCCURRENCE).neighbours(anyItem));
            assertThat(tables.popularity()).isEqualTo(trained.tables().popularity());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void latestIsWrittenLastSoReadersNeverSeeAPartialVersion(String kind, StoreFactory stores) {
        try (ObjectStore store = stores.open("latest-last")) {
            BundleManifest first = publisher(store, "2026-11-26T10:00:00Z").publish(trained.model(),
                    trained.tables(), draft);
            BundleReader reader = new BundleReader(store, SCHEMA);
            List<String> writes = new ArrayList<>();
            AtomicReference<Optional<String>> seenBeforeLatest = new AtomicReference<>();
            ObjectStore watched = new WatchingStore(store, key -> {
                writes.add(key);
                if (key.equals(BundlePublisher.LATEST)) {
                    // Everything of the new version is written; readers must still be on the old one.
                    seenBeforeLatest.set(reader.latestVersion());
                    assertThat(reader.load(first.version()).manifest()).isEqualTo(first);
                }
            });

            BundleManifest second = publisher(watched, "2026-11-26T11:00:00Z").publish(trained.model(),
                    trained.tables(), draft);

            assertThat(seenBeforeLatest.get()).contains(first.version());
            assertThat(writes).last().isEqualTo(BundlePublisher.LATEST);
            assertThat(writes).contains(second.version() + "/" + BundleManifest.FILE_NAME);
            assertThat(second.version()).isGreaterThan(first.version());
            assertThat(reader.latestVersion()).contains(second.version());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void corruptUnknownOrForeignBundlesAreRefused(String kind, StoreFactory stores) {
        try (ObjectStore store = stores.open("refused")) {
            BundleManifest published = publisher(store, "2026-11-26T10:00:00Z").publish(trained.model(),
                    trained.tables(), draft);
            String version = published.version();
            BundleReader reader = new BundleReader(store, SCHEMA);

            assertThatThrownBy(() -> new BundleReader(store, "other-schema").load(version))
                    .isInstanceOf(BundleException.class)
                    .hasMessageContaining("feature schema");

            byte[] manifest = store.get(version + "/" + BundleManifest.FILE_NAME).orElseThrow();
            store.put(version + "/" + BundleManifest.FILE_NAME, new String(manifest, StandardCharsets.UTF_8)
                    .replaceFirst("\"formatVersion\" : " + BundleManifest.FORMAT_VERSION, "\"formatVersion\" : 99")
                    .getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> reader.load(version))
                    .isInstanceOf(BundleException.class)
                    .hasMessageContaining("format version 99");
            store.put(version + "/" + BundleManifest.FILE_NAME, manifest);

            byte[] model = store.get(version + "/" + BundlePublisher.MODEL_FILE).orElseThrow();
            model[model.length / 2] ^= 0x01;
            store.put(version + "/" + BundlePublisher.MODEL_FILE, model);
            assertThatThrownBy(() -> reader.load(version))
                    .isInstanceOf(BundleException.class)
                    .hasMessageContaining("checksum mismatch");

            store.delete(version + "/" + BundlePublisher.RECALL_FILE);
            assertThatThrownBy(() -> reader.load(version)).isInstanceOf(BundleException.class);

            store.put(BundlePublisher.LATEST, "../../etc/passwd".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(reader::latestVersion).isInstanceOf(BundleException.class);
        }
    }

    @Test
    void aBundleOfManifestFormatOneIsServedByTribuoAndRefusedClearlyByTheJavaEvaluator() {
        try (ObjectStore store = new FileObjectStore(dir.resolve("format-one"))) {
            BundleManifest published = publisher(store, "2026-11-26T10:00:00Z").publish(trained.model(),
                    trained.tables(), draft);
            String version = published.version();
            // As the previous trainer published it: manifest format 1, no trees file.
            store.delete(version + "/" + BundlePublisher.TREES_FILE);
            Map<String, BundleManifest.FileEntry> files = new LinkedHashMap<>(published.files());
            files.remove(BundlePublisher.TREES_FILE);
            store.put(version + "/" + BundleManifest.FILE_NAME, new BundleManifest(1, version, published.createdAt(),
                    published.model().withTrees(null), published.featureSchema(), published.featureSettings(),
                    published.data(), published.metrics(), files).toJson());

            ModelBundle tribuo = ModelCodec.reader(store, SCHEMA, ModelBundle.Evaluator.TRIBUO).load(version);

            assertThat(tribuo.ranker()).isInstanceOf(TribuoRanker.class);
            assertThatThrownBy(() -> ModelCodec.reader(store, SCHEMA, ModelBundle.Evaluator.JAVA).load(version))
                    .isInstanceOf(BundleException.class)
                    .hasMessageContaining("has no trees file (manifest format 1")
                    .hasMessageContaining("vitrine.model.evaluator=tribuo");
        }
    }

    @Test
    void treesOfAnUnknownFormatOrThatDoNotParseAreRefusedByBothEvaluators() {
        try (ObjectStore store = new FileObjectStore(dir.resolve("bad-trees"))) {
            BundleManifest published = publisher(store, "2026-11-26T10:00:00Z").publish(trained.model(),
                    trained.tables(), draft);
            String version = published.version();
            String manifestKey = version + "/" + BundleManifest.FILE_NAME;
            String treesKey = version + "/" + BundlePublisher.TREES_FILE;
            byte[] manifest = store.get(manifestKey).orElseThrow();

            store.put(manifestKey, new String(manifest, StandardCharsets.UTF_8)
                    .replace("\"format\" : \"vitrine-trees\",\n      \"formatVersion\" : 2",
                            "\"format\" : \"vitrine-trees\",\n      \"formatVersion\" : 3")
                    .getBytes(StandardCharsets.UTF_8));
            for (ModelBundle.Evaluator evaluator : ModelBundle.Evaluator.values()) {
                assertThatThrownBy(() -> ModelCodec.reader(store, SCHEMA, evaluator).load(version))
                        .isInstanceOf(BundleException.class)
                        .hasMessageContaining("in format vitrine-trees version 3; this build reads trees.bin in"
                                + " format vitrine-trees versions 1 to 2");
            }

            // Content that is not a trees file, listed with its true checksum.
            byte[] notTrees = "not trees".getBytes(StandardCharsets.UTF_8);
            Map<String, BundleManifest.FileEntry> files = new LinkedHashMap<>(published.files());
            files.put(BundlePublisher.TREES_FILE, new BundleManifest.FileEntry(BundleManifest.sha256(notTrees),
                    notTrees.length));
            store.put(treesKey, notTrees);
            store.put(manifestKey, new BundleManifest(published.formatVersion(), version, published.createdAt(),
                    published.model(), published.featureSchema(), published.featureSettings(), published.data(),
                    published.metrics(), files).toJson());
            for (ModelBundle.Evaluator evaluator : ModelBundle.Evaluator.values()) {
                assertThatThrownBy(() -> ModelCodec.reader(store, SCHEMA, evaluator).load(version))
                        .isInstanceOf(BundleException.class)
                        .hasMessageContaining("trees of " + version + " do not load: not a trees file");
            }
        }
    }

    private static BundlePublisher publisher(ObjectStore store, String at) {
        return new BundlePublisher(store, Clock.fixed(Instant.parse(at), ZoneOffset.UTC));
    }

    /** Opens a fresh store (its own directory or bucket). */
    @FunctionalInterface
    interface StoreFactory {
        ObjectStore open(String name);
    }

    /** Calls a hook before each write, to observe what readers see between the writes of a publish. */
    private record WatchingStore(ObjectStore delegate, java.util.function.Consumer<String> beforePut)
            implements
                ObjectStore {
        @Override
        public URI location() {
            return delegate.location();
        }

        @Override
        public void put(String key, byte[] content) {
            beforePut.accept(key);
            delegate.put(key, content);
        }

        @Override
        public Optional<byte[]> get(String key) {
            return delegate.get(key);
        }

        @Override
        public List<String> list(String prefix) {
            return delegate.list(prefix);
        }

        @Override
        public void delete(String key) {
            delegate.delete(key);
        }
    }
}
