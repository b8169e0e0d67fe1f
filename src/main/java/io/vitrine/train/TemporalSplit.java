package io.vitrine.train;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.vitrine.catalog.Item;
import io.vitrine.event.Event;
import io.vitrine.event.EventType;

/**
 * Split by time: events before {@code split} train; a user's clicks, carts and purchases at or after it are the
 * relevant items; items the user bought before the split are excluded (they were recommended and consumed).
 */
public final class TemporalSplit extends SplitSets {
    private final List<Item> items;
    private final Consumer<Consumer<Event>> events;
    private final Instant split;

    /** @param events calls its argument with every event (train and test), in time order */
    public TemporalSplit(List<Item> items, Consumer<Consumer<Event>> events, Instant split) {
        super(new HashMap<>(), new HashMap<>());
        this.items = List.copyOf(items);
        this.events = events;
        this.split = split;
    }

    @Override
    public List<Item> items() {
        return items;
    }

    @Override
    public void trainEvents(Consumer<Event> sink) {
        test.clear();
        exclude.clear();
        events.accept(e -> {
            if (e.timestamp().isBefore(split)) {
                if (e.type() == EventType.PURCHASE) {
                    exclude.computeIfAbsent(e.userId(), u -> new HashSet<>()).add(e.itemId());
                }
                sink.accept(e);
            } else if (e.itemId() != null && (e.type() == EventType.CLICK || e.type() == EventType.ADD_TO_CART
                    || e.type() == EventType.PURCHASE)) {
                test.computeIfAbsent(e.userId(), u -> new HashSet<>()).add(e.itemId());
            }
        });
        test.forEach((user, relevant) -> relevant.removeAll(exclude.getOrDefault(user, Set.of())));
        test.values().removeIf(Set::isEmpty);
    }

    @Override
    public String protocol() {
        return "temporal split at " + split + ": train on earlier events; relevant = items a user clicked, carted or"
                + " bought later (minus items bought before); recommendations exclude items bought before";
    }
}
