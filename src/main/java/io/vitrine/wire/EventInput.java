package io.vitrine.wire;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vitrine.event.Event;
import io.vitrine.event.EventContext;
import io.vitrine.event.EventType;
import io.vitrine.validation.Fields;

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
@Schema(name = "EventInput", description = "One user event. itemId is required for every type but search, which"
        + " needs a query instead (and must not have an itemId).")
public record EventInput(
        @Schema(required = true, minLength = 1, maxLength = Fields.MAX_ID_LENGTH, description = "Idempotency key:"
                + " an event sent again with the same eventId is counted once", examples = "e-9f8c") String eventId,
        @Schema(required = true, minLength = 1, maxLength = Fields.MAX_ID_LENGTH, description = "The user",
                examples = "u-42") String userId,
        @Schema(required = true, enumeration = {
                "impression", "view", "click", "add_to_cart", "purchase", "search"}, description = "What happened",
                examples = "click") String type,
        @Schema(minLength = 1, maxLength = Fields.MAX_ID_LENGTH, description = "The item; required for every type"
                + " but search, not allowed for search", examples = "p-1001") String itemId,
        @Schema(format = "date-time", description = "When it happened (RFC 3339, years 0000 to 9999); defaults to"
                + " the time the server receives it. At most vitrine.feedback.max-future-skew (5 minutes) ahead of"
                + " the server's clock, and not older than vitrine.feedback.max-event-age (3 days)",
                examples = "2026-11-26T10:15:30Z") String timestamp,
        @Schema(minLength = 1, maxLength = EventValidator.MAX_REQUEST_ID_LENGTH, description = "The requestId of the"
                + " recommend response that showed the item, for attribution to its experiments",
                examples = "zv0gJJLdTWu2U6z4F2DpHA") String requestId,
        @Schema(minimum = "0", maximum = "1000000000", description = "Monetary value (of a purchase)",
                examples = "499.0") Double value,
        @Schema(minimum = "1", maximum = "" + EventValidator.MAX_QUANTITY, description = "Units (of a purchase or"
                + " add-to-cart)", examples = "1") Integer quantity,
        @Schema(minLength = 1, maxLength = EventValidator.MAX_QUERY_LENGTH, description = "The search text;"
                + " required for search and only allowed there", examples = "usb-c charger") String query,
        ContextInput context){

    /** The optional context of an event as sent by the client. */
    @Schema(name = "EventContext", description = "Where the event happened; every part is optional")
    public record ContextInput(
            @Schema(maxLength = 64, description = "The device class", examples = "ios") String device,
            @Schema(maxLength = 35, description = "A BCP 47 language tag", examples = "de-CH") String locale,
            @Schema(minLength = 1, maxLength = Fields.MAX_ID_LENGTH, description = "The app session",
                    examples = "s-77") String sessionId,
            @Schema(maxLength = Fields.MAX_ID_LENGTH, description = "The marketing campaign that brought the user",
                    examples = "spring-sale") String campaign) {
    }

    /** The wire shape of an event, as the log stores it and an export writes it. */
    public static EventInput of(Event event) {
        EventContext context = event.context();
        ContextInput contextInput = context.equals(EventContext.EMPTY)
                ? null
                : new ContextInput(context.device(), context.locale(), context.sessionId(), context.campaign());
        return new EventInput(event.eventId(), event.userId(), event.type().wireName(), event.itemId(),
                event.timestamp().toString(), event.requestId(), event.value(), event.quantity(), event.query(),
                contextInput);
    }
}
