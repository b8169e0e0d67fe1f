package io.vitrine.event;

import java.util.List;

/**
 * Which experiment arms an event counts towards. Decided before the append, so that the log counts an event in its arms
 * in the same atomic step that stores it: a retried event is neither stored nor counted twice.
 */
@FunctionalInterface
public interface EventAttribution {
    /** Counts events in no experiment. */
    EventAttribution NONE = event -> List.of();

    /** The arms {@code event} counts towards; empty when none. */
    List<Arm> arms(Event event);
}
