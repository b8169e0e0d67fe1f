package io.vitrine.event;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of user events, named on the wire in snake_case. */
public enum EventType {
    IMPRESSION,
    VIEW,
    CLICK,
    ADD_TO_CART,
    PURCHASE,
    SEARCH;

    /** The comma-separated wire names, for error messages and docs. */
    public static final String WIRE_NAMES = Arrays.stream(values())
            .map(EventType::wireName)
            .collect(Collectors.joining(", "));

    /** The name used in JSON, CSV and Redis fields, e.g. {@code add_to_cart}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; empty when unknown. */
    public static Optional<EventType> fromWireName(String name) {
        for (EventType type : values()) {
            if (type.wireName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Whether the event is about one item (every type but {@code search}). */
    public boolean hasItem() {
        return this != SEARCH;
    }
}
