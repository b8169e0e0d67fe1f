package io.vitrine.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import io.vitrine.catalog.Item;
import io.vitrine.demo.DemoMarketplace;
import io.vitrine.demo.DemoSettings;
import io.vitrine.event.Event;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.files.EventCsvWriter;
import io.vitrine.files.EventLogExport;
import io.vitrine.memory.InMemoryEventLog;
import io.vitrine.model.BundleReader;
import io.vitrine.model.ModelBundle;
import io.vitrine.port.ObjectStore;
import io.vitrine.rank.RankingFeatures;
import io.vitrine.storage.ObjectStores;

/**
 * {@code s3a://} input paths (hadoop-aws; README, "Training on Spark") against a real S3 server, s3proxy in a child
 * JVM: the {@code export} job's JSON Lines written to the bucket through the main project's S3 store, a CSV file,
 * Parquet and the catalog read as the same events and items as from local files. The whole job, which trains from
 * {@code s3a://} and publishes to {@code s3://} a bundle that the service's reader loads, costs 20 to 40 s on this
 * project's 2-core machines, so it runs only when asked: {@code -Dvitrine.spark.s3a-job=true}.
 */
class EventTableS3Test {
    /**
     * About 1,800 events: enough for the job to train on and keep validation examples (with 600 the validation split
     * has none, and the trainer's AUC of no examples fails), few enough to keep it short.
     */
    static final DemoSettings DEMO = new DemoSettings(80, 20, 4, 11, Instant.parse("2026-11-20T00:00:00Z"));

    static S3ProxyProcess s3;
    static List<Event> events = new ArrayList<>();
    static List<Item> items;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        DemoMarketplace market = new DemoMarketplace(DEMO);
        items = market.items();
        market.events(events::add);
        s3 = S3ProxyProcess.start(dir);
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
    }

    /**
     * What a user sets for an S3-compatible store other than AWS (MinIO, OSS, this server): the endpoint over plain
     * HTTP, path-style addressing, the region to sign for, and keys (S3A's default provider chain finds them before it
     * would ask instance metadata).
     */
    static Map<String, String> s3aSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("fs.s3a.endpoint", s3.endpoint().toString());
        m.put("fs.s3a.endpoint.region", S3ProxyProcess.REGION);
        m.put("fs.s3a.path.style.access", "true");
        m.put("fs.s3a.connection.ssl.enabled", "false");
        m.put("fs.s3a.access.key", S3ProxyProcess.ACCESS_KEY_ID);
        m.put("fs.s3a.secret.key", S3ProxyProcess.SECRET_ACCESS_KEY);
        return m;
    }

    /** The settings as {@code spark.hadoop.*} Spark settings. */
    static Map<String, String> sparkHadoopSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        s3aSettings().forEach((k, v) -> m.put("spark.hadoop." + k, v));
        return m;
    }

    /** A new bucket with the events as the export job writes them, under {@code export/}. */
    static String bucketWithExport(String bucket) {
        s3.client().createBucket(b -> b.bucket(bucket));
        InMemoryEventLog log = new InMemoryEventLog();
        log.append(events);
        try (ObjectStore store = ObjectStores.open("s3://" + bucket + "/export", s3.settings())) {
            EventLogExport.Result r = new EventLogExport(log, store, 100, 400).run();
            assertThat(r.events()).isEqualTo(events.size());
            assertThat(r.files()).hasSizeGreaterThan(1);
        }
        return bucket;
    }

    /**
     * Uploads a local file to {@code s3://bucket/key}, or the files of a local directory under it (without the local
     * file system's {@code .crc} files).
     */
    static void upload(Path local, String bucket, String key) {
        try (ObjectStore store = ObjectStores.open("s3://" + bucket, s3.settings());
                Stream<Path> files = Files.walk(local)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (f.getFileName().toString().startsWith(".")) {
                    continue;
                }
                store.put(local.equals(f) ? key : key + "/" + local.relativize(f), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Item> catalog(SparkSession spark, String path) {
        return EventTable.catalog(EventTable.itemRows(EventTable.read(spark, path, EventTable.formatOf(path))));
    }

    @Test
    void csvJsonLinesParquetAndTheCatalogReadFromS3aAsFromLocalFiles() throws IOException {
        String bucket = bucketWithExport("events-read");
        Path csv = dir.resolve("events.csv");
        try (EventCsvWriter writer = new EventCsvWriter(csv)) {
            events.forEach(writer::write);
        }
        Path itemsCsv = dir.resolve("items-read.csv");
        EventCsvWriter.writeItems(itemsCsv, items);
        SparkSession spark = LocalSpark.session(sparkHadoopSettings());
        try {
            Path parquet = dir.resolve("events.parquet");
            EventTable.read(spark, "s3a://" + bucket + "/export/", "json").write().parquet(parquet.toString());
            upload(csv, bucket, "csv/events.csv");
            upload(parquet, bucket, "parquet/events.parquet");
            upload(itemsCsv, bucket, "catalog/items.csv");

            List<Event> fromCsv = EventTableTest.read(spark, "s3a://" + bucket + "/csv/events.csv", null);
            assertThat(fromCsv).containsExactlyElementsOf(EventTableTest.read(spark, csv.toString(), null));
            assertThat(fromCsv).containsExactlyInAnyOrderElementsOf(events);
            List<Event> fromJson = EventTableTest.read(spark, "s3a://" + bucket + "/export/", null);
            assertThat(fromJson).containsExactlyInAnyOrderElementsOf(events);
            List<Event> fromParquet = EventTableTest.read(spark, "s3a://" + bucket + "/parquet/events.parquet", null);
            assertThat(fromParquet).containsExactlyElementsOf(EventTableTest.read(spark, parquet.toString(), null));
            assertThat(fromParquet).containsExactlyInAnyOrderElementsOf(events);
            // The catalog as the job reads it (EventTable.read by extension, then to the driver).
            List<Item> catalog = catalog(spark, "s3a://" + bucket + "/catalog/items.csv");
            assertThat(catalog).hasSize(items.size())
                    .containsExactlyInAnyOrderElementsOf(catalog(spark, itemsCsv.toString()));
        } finally {
            spark.stop();
            FileSystem.closeAll();
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "vitrine.spark.s3a-job", matches = "true")
    void theJobTrainsFromS3aAndPublishesToS3ABundleTheServiceLoads() throws Exception {
        String bucket = bucketWithExport("events-job");
        Path itemsCsv = dir.resolve("items.csv");
        EventCsvWriter.writeItems(itemsCsv, items);
        upload(itemsCsv, bucket, "catalog/items.csv");

        // As spark-submit passes --conf to a client-mode driver: system properties, read by SparkTrain's session. The
        // AWS keys are the model store's (the SDK's default chain); s3a has its own (fs.s3a.*).
        Map<String, String> properties = new LinkedHashMap<>(sparkHadoopSettings());
        properties.put("spark.ui.enabled", "false");
        properties.put("spark.sql.shuffle.partitions", "4");
        properties.put("spark.driver.host", "127.0.0.1");
        properties.put("spark.driver.bindAddress", "127.0.0.1");
        properties.put("aws.accessKeyId", S3ProxyProcess.ACCESS_KEY_ID);
        properties.put("aws.secretAccessKey", S3ProxyProcess.SECRET_ACCESS_KEY);
        properties.forEach(System::setProperty);
        int code;
        try {
            code = SparkTrain.run(new String[]{"--master", "local[2]",
                    "--events", "s3a://" + bucket + "/export/", "--items", "s3a://" + bucket + "/catalog/items.csv",
                    "--model-uri", "s3://" + bucket + "/models", "--s3-endpoint", s3.endpoint().toString(),
                    "--s3-path-style", "--trees", "20", "--partitions", "2", "--workers", "2"});
        } finally {
            properties.keySet().forEach(System::clearProperty);
            // The S3A file system the job opened (cached by Hadoop, with its thread pools) goes too.
            FileSystem.closeAll();
        }
        assertThat(code).isZero();

        try (ObjectStore store = ObjectStores.open("s3://" + bucket + "/models", s3.settings())) {
            BundleReader reader = new BundleReader(store, RankingFeatures.schemaHash(FeatureSettings.defaults()));
            ModelBundle bundle = reader.load(reader.latestVersion().orElseThrow());
            assertThat(bundle.manifest().model().trainer()).isEqualTo("tribuo-xgboost-classification");
            assertThat(bundle.manifest().data().events()).isEqualTo(events.size());
        }
    }
}
