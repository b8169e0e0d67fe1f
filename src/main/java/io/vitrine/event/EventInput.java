package io.vitrine.event;

/**
 * An event as a client sends it (JSON body of {@code POST /v1/feedback}, a line of a JSON Lines file, a CSV row). Types
 * are kept loose (strings) so that validation can report every wrong field at once; {@link EventValidator} turns it
 * into an {@link Event}.
 *
 * @param eventId idempotency key, required
 * @param userId required
 * @param type one of {@link EventType#WIRE_NAMES}, required
 * @param itemId required except for {@code search}, where it must be absent
 * @param timestamp ISO-8601 instant; defaults to the time the server receives the event
 * @param requestId the {@code requestId} of the recommend response that showed the item
 * @param value monetary value, at least 0
 * @param quantity units, 1 to 10,000
 * @param query search text, required for {@code search} and only allowed there
 * @param context optional device, locale, session and campaign
 */
public record EventInput(String eventId, String userId, String type, String itemId, String timestamp,
        String requestId, Double value, Integer quantity, String query, ContextInput context) {

    /** The optional context of an event as sent by the client. */
    public record ContextInput(String device, String locale, String sessionId, String campaign) {
    }
}
