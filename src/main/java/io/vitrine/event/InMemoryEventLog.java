package io.vitrine.event;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An event log in memory (tests, local replays). Dedupes by event id forever: it has no clock, so the dedupe window of
 * the Redis log does not apply.
 */
public final class InMemoryEventLog implements EventLog {
    private final List<Event> events = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    @Override
    public synchronized AppendResult append(List<Event> batch) {
        List<Event> stored = new ArrayList<>();
        for (Event event : batch) {
            if (seen.add(event.eventId())) {
                events.add(event);
                stored.add(event);
            }
        }
        return new AppendResult(stored, batch.size() - stored.size());
    }

    @Override
    public synchronized List<LoggedEvent> read(String afterPosition, int limit) {
        int start = afterPosition == null ? 0 : Integer.parseInt(afterPosition) + 1;
        List<LoggedEvent> out = new ArrayList<>();
        for (int i = start; i < events.size() && out.size() < limit; i++) {
            out.add(new LoggedEvent(Integer.toString(i), events.get(i)));
        }
        return out;
    }
}
