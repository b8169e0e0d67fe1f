package io.vitrine.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vitrine.demo.DemoMarketplace;
import io.vitrine.demo.DemoSettings;
import io.vitrine.event.Event;
import io.vitrine.files.EventCsvWriter;
import io.vitrine.files.EventLogExport;
import io.vitrine.memory.InMemoryEventLog;
import io.vitrine.storage.FileObjectStore;
import io.vitrine.wire.EventValidator;

/**
 * Spark reads the three event formats into the events {@code train} reads: the CSV file, the JSON Lines directory the
 * {@code export} job writes (its {@code _checkpoint} skipped), and Parquet written from either.
 */
class EventTableTest {
    static SparkSession spark;
    static List<Event> events = new ArrayList<>();

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        new DemoMarketplace(new DemoSettings(30, 12, 2, 5, Instant.parse("2026-11-20T00:00:00Z"))).events(events::add);
        // A search whose query needs CSV quoting.
        events.add(new Event("q1", "user-1", io.vitrine.event.EventType.SEARCH, null,
                events.get(events.size() - 1).timestamp(), null, null, null, "case, \"clear\" 6.1in",
                io.vitrine.event.EventContext.EMPTY));
        spark = LocalSpark.session();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static List<Event> read(String path, String format) {
        return read(spark, path, format);
    }

    /** The events Spark reads from a path, in read order, each valid. */
    static List<Event> read(SparkSession spark, String path, String format) {
        JobSpec spec = new JobSpec(Instant.EPOCH, 1, 10, 3, 0.1, 0.8, 10, 250, 1.0, Instant.now());
        EventValidator validator = spec.validator();
        List<Event> out = new ArrayList<>();
        for (Row r : EventTable.normalized(EventTable.read(spark, path, format)).orderBy("seq").collectAsList()) {
            List<io.vitrine.validation.FieldViolation> problems = new ArrayList<>();
            Event e = EventTable.event(r, validator, spec.validatedAt(), problems);
            assertThat(problems).isEmpty();
            out.add(e);
        }
        return out;
    }

    @Test
    void csvAndTheExportsJsonLinesAndParquetReadAsTheSameEvents() {
        Path csv = dir.resolve("events.csv");
        try (EventCsvWriter writer = new EventCsvWriter(csv)) {
            events.forEach(writer::write);
        }
        InMemoryEventLog log = new InMemoryEventLog();
        log.append(events);
        Path exported = dir.resolve("export");
        EventLogExport.Result r = new EventLogExport(log, new FileObjectStore(exported), 100, 500).run();
        assertThat(r.events()).isEqualTo(events.size());

        assertThat(read(csv.toString(), null)).containsExactlyInAnyOrderElementsOf(events);
        assertThat(read(exported.toString(), null)).containsExactlyInAnyOrderElementsOf(events);
        String parquet = dir.resolve("events.parquet").toString();
        EventTable.read(spark, exported.toString(), "json").write().parquet(parquet);
        assertThat(read(parquet, null)).containsExactlyInAnyOrderElementsOf(events);
    }
}
