package io.vitrine.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.vitrine.event.Event;
import io.vitrine.event.EventContext;
import io.vitrine.event.EventType;
import io.vitrine.wire.EventInput;

/**
 * The one serialized form of a stored event: compact JSON of its {@link EventInput} shape, the same shape clients send
 * and JSON Lines exports carry, so the trainer reads log, exports and import files with one parser.
 */
public final class EventCodec {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventCodec() {
    }

    public static String encode(Event event) {
        try {
            return JSON.writeValueAsString(EventInput.of(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes a stored event. Stored events were validated on the way in, so this trusts the content (no age check); a
     * record that does not parse is a corrupt log and fails loudly.
     */
    public static Event decode(String json) {
        try {
            EventInput in = JSON.readValue(json, EventInput.class);
            EventInput.ContextInput c = in.context();
            return new Event(in.eventId(), in.userId(),
                    EventType.fromWireName(in.type())
                            .orElseThrow(
                                    () -> new IllegalArgumentException("unknown event type in log: " + in.type())),
                    in.itemId(), Instant.parse(in.timestamp()), in.requestId(), in.value(), in.quantity(),
                    in.query(),
                    c == null
                            ? EventContext.EMPTY
                            : new EventContext(c.device(), c.locale(), c.sessionId(), c.campaign()));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt event record: " + e.getMessage(), e);
        }
    }
}
