package io.vitrine.port;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.vitrine.event.Arm;
import io.vitrine.event.ArmDay;
import io.vitrine.event.ArmTotals;
import io.vitrine.event.Event;
import io.vitrine.event.EventAttribution;

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
     * @throws io.vitrine.port.StoreUnavailableException when the log cannot be reached; then nothing is known to be
     *             stored and the client must retry
     */
    default AppendResult append(List<Event> events) {
        return append(events, EventAttribution.NONE);
    }

    /**
     * Appends the new events as {@link #append(List)} does and, in the same atomic step, counts each stored event in
     * the experiment arms {@code attribution} names: a duplicate is neither stored nor counted.
     */
    AppendResult append(List<Event> events, EventAttribution attribution);

    /**
     * The totals of experiment arms, from every event stored with them (within the log's lifetime, not its retention).
     *
     * @return an entry per requested arm, {@link ArmTotals#EMPTY} when nothing was counted
     */
    Map<Arm, ArmTotals> totals(Collection<Arm> arms);

    /**
     * The same totals per UTC day of the events' timestamps, counted in the same atomic step as {@link #totals}: a
     * duplicate counts on no day.
     *
     * @return an entry per requested arm: its days in ascending order, only days with something counted; empty when
     *         nothing was
     */
    Map<Arm, List<ArmDay>> daily(Collection<Arm> arms);

    /**
     * Forgets the totals and the daily totals of experiment arms (a deleted experiment); the events themselves stay in
     * the log.
     */
    void clearTotals(Collection<Arm> arms);

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
     * @param arms the experiment arms it was counted in
     */
    record LoggedEvent(String position, Event event, List<Arm> arms) {

        public LoggedEvent {
            arms = List.copyOf(arms);
        }
    }
}
