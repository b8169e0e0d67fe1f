/**
 * User events ({@code feedback}): the wire shape ({@link io.vitrine.event.EventInput}), its validation into
 * {@link io.vitrine.event.Event}, the append-only {@link io.vitrine.event.EventLog} with exactly-once semantics per
 * {@code eventId}, and the {@link io.vitrine.event.FeedbackService} that validates a batch whole, appends it, and feeds
 * the accepted events through the online feature code. Plain Java: the HTTP resource, the {@code import} job and the
 * tests all call the same service.
 */
package io.vitrine.event;
