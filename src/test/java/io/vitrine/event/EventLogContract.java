package io.vitrine.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link EventLog} must have. Subclasses provide a fresh, empty log. */
public abstract class EventLogContract {
    private static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");

    private EventLog log;

    protected abstract EventLog newLog();

    @BeforeEach
    void freshLog() {
        log = newLog();
    }

    @Test
    void storesNewEventsAndCountsRepeatsAsDuplicates() {
        EventLog.AppendResult first = log.append(List.of(event("a"), event("b"), event("a")));
        EventLog.AppendResult second = log.append(List.of(event("b"), event("c")));

        assertThat(first.stored()).extracting(Event::eventId).containsExactly("a", "b");
        assertThat(first.duplicates()).isEqualTo(1);
        assertThat(second.stored()).extracting(Event::eventId).containsExactly("c");
        assertThat(second.duplicates()).isEqualTo(1);
        assertThat(readAll()).extracting(Event::eventId).containsExactly("a", "b", "c");
    }

    @Test
    void storedEventsReadBackEqualWithEveryField() {
        Event full = new Event("full", "u1", EventType.PURCHASE, "p1", T0.plusMillis(123), "req-1", 19.9, 2, null,
                new EventContext("ios", "de-CH", "s-1", "black-friday"));
        Event search = new Event("s", "u1", EventType.SEARCH, null, T0, null, null, null, "usb c charger",
                EventContext.EMPTY);
        log.append(List.of(full, search));

        assertThat(readAll()).containsExactly(full, search);
    }

    @Test
    void readsInPagesAfterAPosition() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            events.add(event("e" + i));
        }
        log.append(events);

        List<EventLog.LoggedEvent> page1 = log.read(null, 10);
        List<EventLog.LoggedEvent> page2 = log.read(page1.get(9).position(), 10);
        List<EventLog.LoggedEvent> page3 = log.read(page2.get(9).position(), 10);

        assertThat(page1).hasSize(10);
        assertThat(page2.get(0).event().eventId()).isEqualTo("e10");
        assertThat(page3).extracting(le -> le.event().eventId())
                .containsExactly("e20", "e21", "e22", "e23",
                        "e24");
    }

    @Test
    void concurrentRetriesOfTheSameEventsStoreEachExactlyOnce() throws Exception {
        int threads = 8;
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(event("same-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<EventLog.AppendResult>> calls = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                calls.add(() -> log.append(batch));
            }
            int stored = 0;
            int duplicates = 0;
            for (Future<EventLog.AppendResult> f : pool.invokeAll(calls)) {
                stored += f.get().stored().size();
                duplicates += f.get().duplicates();
            }
            assertThat(stored).isEqualTo(50);
            assertThat(duplicates).isEqualTo(50 * (threads - 1));
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        List<Event> all = readAll();
        Set<String> ids = new HashSet<>();
        all.forEach(e -> ids.add(e.eventId()));
        assertThat(all).hasSize(50);
        assertThat(ids).hasSize(50);
    }

    private List<Event> readAll() {
        List<Event> out = new ArrayList<>();
        String position = null;
        while (true) {
            List<EventLog.LoggedEvent> page = log.read(position, 100);
            if (page.isEmpty()) {
                return out;
            }
            page.forEach(le -> out.add(le.event()));
            position = page.get(page.size() - 1).position();
        }
    }

    private static Event event(String id) {
        return new Event(id, "u1", EventType.CLICK, "p1", T0, null, null, null, null, EventContext.EMPTY);
    }
}
