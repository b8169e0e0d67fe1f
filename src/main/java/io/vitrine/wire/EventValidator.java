package io.vitrine.wire;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.vitrine.event.Event;
import io.vitrine.event.EventContext;
import io.vitrine.event.EventPolicy;
import io.vitrine.event.EventType;
import io.vitrine.validation.FieldViolation;
import io.vitrine.validation.Fields;
import io.vitrine.validation.ValidationException;

/**
 * Turns {@link EventInput}s into {@link Event}s, reporting every invalid field. A batch is validated whole: if any
 * event is invalid, {@link #validateBatch} throws with the violations of all of them and nothing may be stored.
 */
public final class EventValidator {
    /** Longest request id: ids that carry experiment variants are longer than other ids. */
    public static final int MAX_REQUEST_ID_LENGTH = 512;
    /** Longest search query accepted. */
    public static final int MAX_QUERY_LENGTH = 512;
    /** Largest quantity accepted. */
    public static final int MAX_QUANTITY = 10_000;
    /** Largest monetary value accepted. */
    public static final double MAX_VALUE = 1e9;

    private final EventPolicy policy;

    public EventValidator(EventPolicy policy) {
        this.policy = policy;
    }

    public EventPolicy policy() {
        return policy;
    }

    /**
     * Validates a batch; all or nothing.
     *
     * @param inputs the events, in order; violations are reported as {@code events[i].field}
     * @param now the server's current time (the default timestamp and the reference for skew and age)
     * @param batchForm whether the client sent {@code {events: [...]}} (paths get the {@code events[i]} prefix)
     * @param parseViolations violations found while parsing the inputs (wrong JSON types, with full paths); inputs that
     *            failed to parse are null in {@code inputs} and are not validated again
     * @throws ValidationException listing every invalid field of every invalid event
     */
    public List<Event> validateBatch(List<EventInput> inputs, Instant now, boolean batchForm,
            List<FieldViolation> parseViolations) {
        if (inputs.isEmpty() || inputs.size() > policy.maxBatchSize()) {
            throw new ValidationException("Invalid batch", List.of(new FieldViolation("events",
                    "must contain between 1 and " + policy.maxBatchSize() + " events, got " + inputs.size())));
        }
        List<FieldViolation> violations = new ArrayList<>(parseViolations);
        List<Event> events = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) == null && !parseViolations.isEmpty()) {
                continue;
            }
            List<FieldViolation> own = new ArrayList<>();
            Event event = validate(inputs.get(i), now, own);
            String prefix = batchForm ? "events[" + i + "]" : "";
            // A field already reported with the wrong type was left out when binding: do not report it twice.
            own.stream()
                    .map(v -> v.under(prefix))
                    .filter(v -> parseViolations.stream().noneMatch(v::overlaps))
                    .forEach(violations::add);
            events.add(event);
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations.size() + " invalid field(s) in " + inputs.size()
                    + " event(s); none was stored", violations);
        }
        return events;
    }

    /**
     * Validates one event.
     *
     * @return the event, or null when invalid (then {@code out} holds at least one violation, paths relative to the
     *         event)
     */
    public Event validate(EventInput in, Instant now, List<FieldViolation> out) {
        if (in == null) {
            out.add(new FieldViolation("", "must be an event object"));
            return null;
        }
        int before = out.size();
        Fields.requireId(in.eventId(), "eventId", out);
        Fields.requireId(in.userId(), "userId", out);
        EventType type = null;
        if (in.type() == null) {
            out.add(new FieldViolation("type", "is required; one of " + EventType.WIRE_NAMES));
        } else {
            Optional<EventType> parsed = EventType.fromWireName(in.type());
            if (parsed.isEmpty()) {
                out.add(new FieldViolation("type", "must be one of " + EventType.WIRE_NAMES));
            } else {
                type = parsed.get();
            }
        }
        if (type != null) {
            if (type.hasItem()) {
                Fields.requireId(in.itemId(), "itemId", out);
                if (in.query() != null) {
                    out.add(new FieldViolation("query", "is only allowed for type search"));
                }
            } else {
                if (in.itemId() != null) {
                    out.add(new FieldViolation("itemId", "is not allowed for type search"));
                }
                if (in.query() == null || in.query().isBlank()) {
                    out.add(new FieldViolation("query", "is required for type search"));
                } else {
                    Fields.optionalText(in.query(), "query", MAX_QUERY_LENGTH, out);
                }
            }
        }
        Instant timestamp = Fields.optionalInstant(in.timestamp(), "timestamp", out);
        if (timestamp != null) {
            if (timestamp.isAfter(now.plus(policy.maxFutureSkew()))) {
                out.add(new FieldViolation("timestamp",
                        "lies in the future beyond the allowed clock skew of " + policy.maxFutureSkew()));
            } else if (policy.maxAge().isPresent() && timestamp.isBefore(now.minus(policy.maxAge().get()))) {
                out.add(new FieldViolation("timestamp", "is older than the accepted horizon of "
                        + policy.maxAge().get()));
            }
        }
        Fields.optionalText(in.requestId(), "requestId", MAX_REQUEST_ID_LENGTH, out);
        if (in.requestId() != null && in.requestId().isBlank()) {
            out.add(new FieldViolation("requestId", "must not be blank"));
        }
        if (in.value() != null && (!Double.isFinite(in.value()) || in.value() < 0 || in.value() > MAX_VALUE)) {
            out.add(new FieldViolation("value", "must be a number between 0 and " + (long) MAX_VALUE));
        }
        if (in.quantity() != null && (in.quantity() < 1 || in.quantity() > MAX_QUANTITY)) {
            out.add(new FieldViolation("quantity", "must be an integer between 1 and " + MAX_QUANTITY));
        }
        EventContext context = EventContext.EMPTY;
        if (in.context() != null) {
            EventInput.ContextInput c = in.context();
            Fields.optionalText(c.device(), "context.device", 64, out);
            Fields.optionalText(c.locale(), "context.locale", 35, out);
            Fields.optionalId(c.sessionId(), "context.sessionId", out);
            Fields.optionalText(c.campaign(), "context.campaign", Fields.MAX_ID_LENGTH, out);
            context = new EventContext(c.device(), c.locale(), c.sessionId(), c.campaign());
        }
        if (out.size() > before) {
            return null;
        }
        return new Event(in.eventId(), in.userId(), type, type.hasItem() ? in.itemId() : null,
                timestamp == null ? now : timestamp, in.requestId(), in.value(), in.quantity(),
                type.hasItem() ? null : in.query(), context);
    }
}
