package io.vitrine.event;

import java.util.List;

/**
 * The append-only log of accepted events: the source of truth that training and exports read. Appending is idempotent
 * per {@code eventId} within the dedupe window, also under concurrent retries: of several appends of the same id
 * exactly one stores the event.
 */
public interface EventLog {

    /**
     * Appends the events whose ids were not seen within the dedupe window, atomically with the dedupe check.
     *
     * @return which events were new (stored now) and how many were duplicates
     * @throws io.vitrine.store.StoreUnavailableException when the log cannot be reached; then nothing is known to be
     *             stored and the client must retry
     */
    AppendResult append(List<Event> events);

    /**
     * Reads stored events in append order.
     *
     * @param afterPosition the position of the last event already read, or null to start at the beginning
     * @param limit the most events to return
     */
    List<LoggedEvent> read(String afterPosition, int limit);

    /**
     * What an append did.
     *
     * @param stored the events that were new, in input order
     * @param duplicates how many inputs repeated an already stored (or earlier in the same batch) event id
     */
    record AppendResult(List<Event> stored, int duplicates) {
    }

    /**
     * An event with its position in the log.
     *
     * @param position opaque, increasing in append order
     * @param event the event as stored
     */
    record LoggedEvent(String position, Event event) {
    }
}
