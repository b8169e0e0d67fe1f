package io.vitrine.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vitrine.event.Event;
import io.vitrine.event.EventContext;
import io.vitrine.event.EventPolicy;
import io.vitrine.event.EventType;
import io.vitrine.port.EventLog;
import io.vitrine.redis.RedisEventLog;
import io.vitrine.storage.FileObjectStore;
import io.vitrine.testing.RedisClients;
import io.vitrine.testing.SharedRedis;
import io.vitrine.wire.EventValidator;

/**
 * The export of the event log (a real redis-server's stream) to JSON Lines in object storage, incremental by stream
 * position, read back with the reader {@code train} uses.
 */
class EventLogExportTest {
    private static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");

    @TempDir
    Path dir;

    private final EventLog log = new RedisEventLog(RedisClients.commands(SharedRedis.get()),
            RedisClients.isolatedKeys(), 1_000_000, Duration.ofHours(1));

    private static List<Event> events(int from, int to) {
        List<Event> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(new Event("e" + i, "u" + (i % 7), i % 5 == 0 ? EventType.CLICK : EventType.VIEW, "i" + (i % 11),
                    T0.plusSeconds(i), "r" + i, null, null, null,
                    new EventContext("android", "de-CH", "s" + (i / 10), null)));
        }
        return out;
    }

    private List<Event> readBack(FileObjectStore store) {
        EventValidator validator = new EventValidator(new EventPolicy(500, Duration.ofMinutes(5), Optional.empty()));
        List<Event> out = new ArrayList<>();
        for (String key : store.list("")) {
            if (key.startsWith("_")) {
                continue;
            }
            DataFiles.events(store.base().resolve(key))
                    .forEach(line -> out
                            .add(validator.validate(line.value(), T0.plusSeconds(86_400), new ArrayList<>())));
        }
        return out;
    }

    @Test
    void exportsTheLogAndThenOnlyWhatWasAppendedSince() {
        FileObjectStore store = new FileObjectStore(dir);
        log.append(events(0, 250));
        EventLogExport export = new EventLogExport(log, store, 40, 100);

        EventLogExport.Result first = export.run();
        assertThat(first.after()).isNull();
        assertThat(first.events()).isEqualTo(250);
        assertThat(first.files()).hasSize(3);
        assertThat(export.checkpoint()).isEqualTo(first.last());
        assertThat(readBack(store)).containsExactlyInAnyOrderElementsOf(events(0, 250));

        EventLogExport.Result nothing = export.run();
        assertThat(nothing.events()).isZero();
        assertThat(nothing.files()).isEmpty();
        assertThat(nothing.last()).isEqualTo(first.last());

        log.append(events(250, 300));
        EventLogExport.Result second = export.run();
        assertThat(second.after()).isEqualTo(first.last());
        assertThat(second.events()).isEqualTo(50);
        assertThat(second.files()).hasSize(1).doesNotContainAnyElementsOf(first.files());
        assertThat(readBack(store)).hasSize(300).containsExactlyInAnyOrderElementsOf(events(0, 300));
    }

    @Test
    void aRunStoppedBeforeItsCheckpointIsRedoneWithoutDuplicates() throws Exception {
        FileObjectStore store = new FileObjectStore(dir);
        log.append(events(0, 120));
        EventLogExport export = new EventLogExport(log, store, 500, 1000);
        EventLogExport.Result done = export.run();
        log.append(events(120, 150));
        // A run that wrote its file and stopped before moving the checkpoint: a partial file, the old checkpoint.
        String partial = "events-" + log.read(done.last(), 1).get(0).position() + ".jsonl";
        Files.writeString(dir.resolve(partial), Files.readAllLines(dir.resolve(done.files().get(0))).get(0) + "\n",
                StandardCharsets.UTF_8);

        EventLogExport.Result redone = export.run();
        assertThat(redone.files()).containsExactly(partial);
        assertThat(readBack(store)).hasSize(150).containsExactlyInAnyOrderElementsOf(events(0, 150));
    }
}
