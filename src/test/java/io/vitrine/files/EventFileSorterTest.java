package io.vitrine.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vitrine.event.Event;
import io.vitrine.event.EventContext;
import io.vitrine.event.EventType;

class EventFileSorterTest {
    @TempDir
    Path dir;

    private static Event event(String id, Instant at) {
        return new Event(id, "u-" + id, EventType.CLICK, "i-" + id, at, null, null, null, null,
                new EventContext("ios", null, "s-1", null));
    }

    @Test
    void eventsComeOutInTimeOrderKeepingTheInputOrderOfTies() throws Exception {
        Instant t = Instant.parse("2017-11-25T08:00:00Z");
        List<Event> input = List.of(event("late", t.plusSeconds(60)), event("tie-1", t), event("early",
                Instant.parse("0001-01-01T00:00:00Z")), event("tie-2", t),
                event("latest", Instant.parse(
                        "9999-12-31T23:59:59Z")));

        Path sorted = EventFileSorter.sort(input::forEach, dir);

        List<Event> read = new ArrayList<>();
        DataFiles.events(sorted).forEach(line -> {
            assertThat(line.violations()).isEmpty();
            var in = line.value();
            read.add(new Event(in.eventId(), in.userId(), EventType.fromWireName(in.type()).orElseThrow(),
                    in.itemId(), Instant.parse(in.timestamp()), null, null, null, null,
                    new EventContext(in.context().device(), null, in.context().sessionId(), null)));
        });
        assertThat(read).extracting(Event::eventId).containsExactly("early", "tie-1", "tie-2", "late", "latest");
        assertThat(read).containsExactlyElementsOf(List.of(input.get(2), input.get(1), input.get(3), input.get(0),
                input.get(4)));
        try (var files = Files.list(dir)) {
            assertThat(files).as("only the sorted file is left").containsExactly(sorted);
        }
    }
}
