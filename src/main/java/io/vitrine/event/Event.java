package io.vitrine.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A validated user event: the feedback contract's validation (the wire package) builds them, so every instance
 * satisfies its rules.
 *
 * @param eventId the client's idempotency key: a retried event carries the same id and is counted once
 * @param userId who acted
 * @param type what happened
 * @param itemId the item acted on; null only for {@link EventType#SEARCH}
 * @param timestamp when it happened (the server's receive time when the client sent none)
 * @param requestId the {@code recommend} response that showed the item, for attribution; may be null
 * @param value monetary value (purchase revenue); may be null
 * @param quantity units (cart, purchase); may be null
 * @param query the search text; only for {@link EventType#SEARCH}
 * @param context device, locale, session and campaign; never null
 */
public record Event(String eventId, String userId, EventType type, String itemId, Instant timestamp,
        String requestId, Double value, Integer quantity, String query, EventContext context) {

    public Event {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
        context = context == null ? EventContext.EMPTY : context;
    }
}
