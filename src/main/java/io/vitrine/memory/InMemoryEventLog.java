package io.vitrine.memory;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import io.vitrine.event.Arm;
import io.vitrine.event.ArmDay;
import io.vitrine.event.ArmTotals;
import io.vitrine.event.Event;
import io.vitrine.event.EventAttribution;
import io.vitrine.event.EventType;
import io.vitrine.port.EventLog;

/**
 * An event log in memory (tests, local replays). Dedupes by event id forever: it has no clock, so the dedupe window of
 * the Redis log does not apply.
 */
public final class InMemoryEventLog implements EventLog {
    private final List<LoggedEvent> events = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Map<Arm, Tally> tallies = new HashMap<>();

    @Override
    public synchronized AppendResult append(List<Event> batch, EventAttribution attribution) {
        List<Event> stored = new ArrayList<>();
        for (Event event : batch) {
            if (seen.add(event.eventId())) {
                List<Arm> arms = attribution.arms(event);
                events.add(new LoggedEvent(Integer.toString(events.size()), event, arms));
                stored.add(event);
                for (Arm arm : arms) {
                    tallies.computeIfAbsent(arm, a -> new Tally()).add(event);
                }
            }
        }
        return new AppendResult(stored, batch.size() - stored.size());
    }

    @Override
    public synchronized List<LoggedEvent> read(String afterPosition, int limit) {
        int start = afterPosition == null ? 0 : Integer.parseInt(afterPosition) + 1;
        List<LoggedEvent> out = new ArrayList<>();
        for (int i = start; i < events.size() && out.size() < limit; i++) {
            out.add(events.get(i));
        }
        return out;
    }

    @Override
    public synchronized Map<Arm, ArmTotals> totals(Collection<Arm> arms) {
        Map<Arm, ArmTotals> out = new LinkedHashMap<>();
        for (Arm arm : arms) {
            Tally tally = tallies.get(arm);
            out.put(arm, tally == null ? ArmTotals.EMPTY : tally.totals());
        }
        return out;
    }

    @Override
    public synchronized Map<Arm, List<ArmDay>> daily(Collection<Arm> arms) {
        Map<Arm, List<ArmDay>> out = new LinkedHashMap<>();
        for (Arm arm : arms) {
            Tally tally = tallies.get(arm);
            out.put(arm, tally == null ? List.of() : tally.days());
        }
        return out;
    }

    @Override
    public synchronized void clearTotals(Collection<Arm> arms) {
        arms.forEach(tallies::remove);
    }

    /** One day of an arm. */
    private static final class Day {
        private final Map<EventType, Long> counts = new HashMap<>();
        private long newUsers;
        private long newBuyers;
        private double revenue;

        long count(EventType type) {
            return counts.getOrDefault(type, 0L);
        }
    }

    /** Running totals of one arm. */
    private static final class Tally {
        private final Map<EventType, Long> counts = new HashMap<>();
        private final Map<String, Double> revenueByUser = new HashMap<>();
        private final Set<String> buyers = new HashSet<>();
        private final SortedMap<LocalDate, Day> days = new TreeMap<>();
        private double revenue;

        void add(Event event) {
            Day day = days.computeIfAbsent(LocalDate.ofInstant(event.timestamp(), ZoneOffset.UTC), d -> new Day());
            counts.merge(event.type(), 1L, Long::sum);
            day.counts.merge(event.type(), 1L, Long::sum);
            if (revenueByUser.putIfAbsent(event.userId(), 0.0) == null) {
                day.newUsers++;
            }
            if (event.type() == EventType.PURCHASE) {
                if (buyers.add(event.userId())) {
                    day.newBuyers++;
                }
                if (event.value() != null && event.value() > 0) {
                    revenue += event.value();
                    day.revenue += event.value();
                    revenueByUser.merge(event.userId(), event.value(), Double::sum);
                }
            }
        }

        List<ArmDay> days() {
            List<ArmDay> out = new ArrayList<>(days.size());
            days.forEach((date, d) -> out.add(new ArmDay(date, d.newUsers, d.count(EventType.IMPRESSION),
                    d.count(EventType.CLICK), d.count(EventType.ADD_TO_CART), d.count(EventType.PURCHASE),
                    d.newBuyers, d.revenue)));
            return out;
        }

        ArmTotals totals() {
            double squares = revenueByUser.values().stream().mapToDouble(r -> r * r).sum();
            return new ArmTotals(revenueByUser.size(), counts.getOrDefault(EventType.IMPRESSION, 0L),
                    counts.getOrDefault(EventType.CLICK, 0L), counts.getOrDefault(EventType.ADD_TO_CART, 0L),
                    counts.getOrDefault(EventType.PURCHASE, 0L), buyers.size(), revenue, squares);
        }
    }
}
