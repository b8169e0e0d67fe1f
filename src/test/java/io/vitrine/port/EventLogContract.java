package io.vitrine.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vitrine.event.Arm;
import io.vitrine.event.ArmDay;
import io.vitrine.event.ArmTotals;
import io.vitrine.event.Event;
import io.vitrine.event.EventAttribution;
import io.vitrine.event.EventContext;
import io.vitrine.event.EventType;

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

    @Test
    void storedEventsCountInTheirArmsOnceEvenWhenRetried() {
        Arm control = new Arm("exp-" + java.util.UUID.randomUUID(), "control");
        Arm treatment = new Arm(control.experimentId(), "treatment");
        EventAttribution byUser = e -> e.userId().startsWith("t") ? List.of(treatment) : List.of(control);
        List<Event> batch = List.of(typed("1", "c1", EventType.IMPRESSION, null),
                typed("2", "c1", EventType.CLICK, null), typed("3", "c2", EventType.IMPRESSION, null),
                typed("4", "t1", EventType.IMPRESSION, null), typed("5", "t1", EventType.ADD_TO_CART, null),
                typed("6", "t1", EventType.PURCHASE, 30.0), typed("7", "t1", EventType.PURCHASE, 10.0),
                typed("8", "t2", EventType.PURCHASE, 5.0), typed("9", "t3", EventType.VIEW, null));

        log.append(batch, byUser);
        EventLog.AppendResult retry = log.append(batch.subList(3, 9), byUser);

        assertThat(retry.stored()).isEmpty();
        Map<Arm, ArmTotals> totals = log.totals(List.of(control, treatment, new Arm("other", "x")));
        assertThat(totals.get(control)).isEqualTo(new ArmTotals(2, 2, 1, 0, 0, 0, 0, 0));
        // t1 bought 40, t2 bought 5: revenue 45, squares 40² + 5² = 1625; t3 only viewed but is a user.
        assertThat(totals.get(treatment)).isEqualTo(new ArmTotals(3, 1, 0, 1, 3, 2, 45, 1625));
        assertThat(totals.get(new Arm("other", "x"))).isEqualTo(ArmTotals.EMPTY);
        List<EventLog.LoggedEvent> logged = log.read(null, 100);
        assertThat(logged.get(0).arms()).containsExactly(control);
        assertThat(logged.get(5).arms()).containsExactly(treatment);

        log.clearTotals(List.of(treatment));
        assertThat(log.totals(List.of(treatment)).get(treatment)).isEqualTo(ArmTotals.EMPTY);
        assertThat(log.totals(List.of(control)).get(control).users()).isEqualTo(2);
    }

    @Test
    void armsAreCountedPerUtcDayOfTheEventOnceEvenWhenRetried() {
        Arm arm = new Arm("exp-" + java.util.UUID.randomUUID(), "control");
        Arm other = new Arm(arm.experimentId(), "treatment");
        EventAttribution toArm = e -> List.of(arm);
        Instant day1 = Instant.parse("2026-11-20T23:59:59Z");
        Instant day2 = Instant.parse("2026-11-21T00:00:00Z");
        List<Event> batch = List.of(at("1", "u1", EventType.IMPRESSION, null, day1),
                at("2", "u1", EventType.CLICK, null, day1), at("3", "u2", EventType.IMPRESSION, null, day1),
                at("4", "u1", EventType.PURCHASE, 20.0, day2), at("5", "u3", EventType.IMPRESSION, null, day2),
                at("6", "u3", EventType.PURCHASE, 5.5, day2), at("7", "u3", EventType.PURCHASE, 0.5, day2),
                at("8", "u2", EventType.ADD_TO_CART, null, day2));

        log.append(batch.subList(0, 5), toArm);
        log.append(batch, toArm);
        log.append(batch.subList(2, 8), toArm);

        Map<Arm, List<ArmDay>> daily = log.daily(List.of(arm, other));
        // Day 1: u1 and u2 are new; day 2: u3 is new, u1 and u3 are new buyers (u3 twice, counted once).
        assertThat(daily.get(arm)).containsExactly(
                new ArmDay(LocalDate.parse("2026-11-20"), 2, 2, 1, 0, 0, 0, 0),
                new ArmDay(LocalDate.parse("2026-11-21"), 1, 1, 0, 1, 3, 2, 26));
        assertThat(daily.get(other)).isEmpty();
        ArmTotals totals = log.totals(List.of(arm)).get(arm);
        assertThat(daily.get(arm).stream().mapToLong(ArmDay::newUsers).sum()).isEqualTo(totals.users());
        assertThat(daily.get(arm).stream().mapToLong(ArmDay::newBuyers).sum()).isEqualTo(totals.buyers());

        log.clearTotals(List.of(arm));
        assertThat(log.daily(List.of(arm)).get(arm)).isEmpty();
    }

    private static Event at(String id, String user, EventType type, Double value, Instant time) {
        return new Event(id + "-" + user, user, type, "p1", time, null, value, null, null, EventContext.EMPTY);
    }

    @Test
    void eventsWithoutAttributionCountNowhere() {
        Arm arm = new Arm("exp-" + java.util.UUID.randomUUID(), "control");
        log.append(List.of(event("plain")));

        assertThat(log.read(null, 10).get(0).arms()).isEmpty();
        assertThat(log.totals(List.of(arm)).get(arm)).isEqualTo(ArmTotals.EMPTY);
    }

    private static Event typed(String id, String user, EventType type, Double value) {
        return new Event(id + "-" + user, user, type, "p1", T0, null, value, null, null, EventContext.EMPTY);
    }

    private static Event event(String id) {
        return new Event(id, "u1", EventType.CLICK, "p1", T0, null, null, null, null, EventContext.EMPTY);
    }
}
