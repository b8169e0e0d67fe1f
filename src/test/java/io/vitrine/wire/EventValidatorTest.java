package io.vitrine.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.vitrine.event.Event;
import io.vitrine.event.EventContext;
import io.vitrine.event.EventPolicy;
import io.vitrine.event.EventType;
import io.vitrine.validation.FieldViolation;
import io.vitrine.validation.ValidationException;

class EventValidatorTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final EventValidator VALIDATOR = new EventValidator(
            new EventPolicy(500, Duration.ofMinutes(5), Optional.of(Duration.ofDays(3))));

    private static EventInput click() {
        return new EventInput("e1", "u1", "click", "p1", "2026-11-26T11:00:00Z", null, null, null, null, null);
    }

    @Test
    void acceptsAMinimalEventAndDefaultsTheTimestampToNow() {
        Event event = VALIDATOR.validateBatch(
                List.of(new EventInput("e1", "u1", "view", "p1", null, null, null, null, null, null)), NOW, false,
                List.of()).get(0);

        assertThat(event.type()).isEqualTo(EventType.VIEW);
        assertThat(event.timestamp()).isEqualTo(NOW);
        assertThat(event.context()).isEqualTo(EventContext.EMPTY);
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "eventId   | <null>                 | eventId",
            "eventId   | '  '                   | eventId",
            "eventId   | <long>                 | eventId",
            "userId    | <null>                 | userId",
            "userId    | <control>              | userId",
            "type      | <null>                 | type",
            "type      | like                   | type",
            "itemId    | <null>                 | itemId",
            "timestamp | yesterday              | timestamp",
            "timestamp | 2026-11-26T12:06:00Z   | timestamp",
            "timestamp | 2026-11-23T11:59:59Z   | timestamp",
            "requestId | <long>                 | requestId",
            "value     | -1                     | value",
            "value     | NaN                    | value",
            "value     | 1e10                   | value",
            "quantity  | 0                      | quantity",
            "quantity  | 10001                  | quantity",
            "query     | usb charger            | query",
            "device    | <long>                 | context.device",
            "sessionId | <control>              | context.sessionId"})
    void rejectsEachInvalidFieldByName(String field, String value, String reportedAs) {
        EventInput in = with(click(), field, decode(value));
        List<FieldViolation> out = new ArrayList<>();

        assertThat(VALIDATOR.validate(in, NOW, out)).isNull();
        assertThat(out).extracting(FieldViolation::field).containsExactly(reportedAs);
    }

    @Test
    void searchNeedsAQueryAndNoItem() {
        List<FieldViolation> out = new ArrayList<>();
        VALIDATOR.validate(new EventInput("e", "u", "search", "p1", null, null, null, null, null, null), NOW, out);

        assertThat(out).extracting(FieldViolation::field).containsExactlyInAnyOrder("itemId", "query");
        Event ok = VALIDATOR.validate(new EventInput("e", "u", "search", null, null, null, null, null, "usb c",
                null), NOW, new ArrayList<>());
        assertThat(ok.query()).isEqualTo("usb c");
        assertThat(ok.itemId()).isNull();
    }

    @Test
    void historicalImportPolicyAcceptsOldEventsButNotFutureOnes() {
        EventValidator importer = new EventValidator(VALIDATOR.policy().forHistoricalImport());

        assertThat(importer.validate(with(click(), "timestamp", "2019-01-01T00:00:00Z"), NOW, new ArrayList<>()))
                .isNotNull();
        assertThat(importer.validate(with(click(), "timestamp", "2027-01-01T00:00:00Z"), NOW, new ArrayList<>()))
                .isNull();
    }

    @Test
    void aBatchIsRejectedWholeListingEveryBadEventByIndex() {
        List<EventInput> batch = List.of(click(), with(click(), "userId", null), click(),
                with(with(click(), "type", "nope"), "quantity", "-3"));

        assertThatThrownBy(() -> VALIDATOR.validateBatch(batch, NOW, true, List.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field)
                        .containsExactly("events[1].userId", "events[3].type", "events[3].quantity"));
    }

    @Test
    void batchSizeIsBounded() {
        assertThatThrownBy(() -> VALIDATOR.validateBatch(List.of(), NOW, true, List.of()))
                .isInstanceOf(ValidationException.class);
        List<EventInput> tooMany = Collections.nCopies(501, click());
        assertThatThrownBy(() -> VALIDATOR.validateBatch(tooMany, NOW, true, List.of()))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("events"));
    }

    @Test
    void parseErrorsAreReportedTogetherWithValidationErrors() {
        List<EventInput> batch = new ArrayList<>();
        batch.add(null);
        batch.add(with(click(), "eventId", null));
        List<FieldViolation> parse = List.of(new FieldViolation("events[0].quantity", "must be an integer"));

        assertThatThrownBy(() -> VALIDATOR.validateBatch(batch, NOW, true, parse))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field)
                        .containsExactly("events[0].quantity", "events[1].eventId"));
    }

    private static String decode(String value) {
        return switch (value) {
            case "<null>" -> null;
            case "<long>" -> "x".repeat(EventValidator.MAX_REQUEST_ID_LENGTH + 1);
            case "<control>" -> "a\u0000b";
            default -> value;
        };
    }

    private static EventInput with(EventInput e, String field, String v) {
        EventInput.ContextInput c = e.context() == null
                ? new EventInput.ContextInput(null, null, null, null)
                : e.context();
        return switch (field) {
            case "eventId" -> new EventInput(v, e.userId(), e.type(), e.itemId(), e.timestamp(), e.requestId(),
                    e.value(), e.quantity(), e.query(), e.context());
            case "userId" -> new EventInput(e.eventId(), v, e.type(), e.itemId(), e.timestamp(), e.requestId(),
                    e.value(), e.quantity(), e.query(), e.context());
            case "type" -> new EventInput(e.eventId(), e.userId(), v, e.itemId(), e.timestamp(), e.requestId(),
                    e.value(), e.quantity(), e.query(), e.context());
            case "itemId" -> new EventInput(e.eventId(), e.userId(), e.type(), v, e.timestamp(), e.requestId(),
                    e.value(), e.quantity(), e.query(), e.context());
            case "timestamp" -> new EventInput(e.eventId(), e.userId(), e.type(), e.itemId(), v, e.requestId(),
                    e.value(), e.quantity(), e.query(), e.context());
            case "requestId" -> new EventInput(e.eventId(), e.userId(), e.type(), e.itemId(), e.timestamp(), v,
                    e.value(), e.quantity(), e.query(), e.context());
            case "value" -> new EventInput(e.eventId(), e.userId(), e.type(), e.itemId(), e.timestamp(),
                    e.requestId(), Double.valueOf(v), e.quantity(), e.query(), e.context());
            case "quantity" -> new EventInput(e.eventId(), e.userId(), e.type(), e.itemId(), e.timestamp(),
                    e.requestId(), e.value(), Integer.valueOf(v), e.query(), e.context());
            case "query" -> new EventInput(e.eventId(), e.userId(), e.type(), e.itemId(), e.timestamp(),
                    e.requestId(), e.value(), e.quantity(), v, e.context());
            case "device" -> new EventInput(e.eventId(), e.userId(), e.type(), e.itemId(), e.timestamp(),
                    e.requestId(), e.value(), e.quantity(), e.query(),
                    new EventInput.ContextInput(v, c.locale(), c.sessionId(), c.campaign()));
            case "sessionId" -> new EventInput(e.eventId(), e.userId(), e.type(), e.itemId(), e.timestamp(),
                    e.requestId(), e.value(), e.quantity(), e.query(),
                    new EventInput.ContextInput(c.device(), c.locale(), v, c.campaign()));
            default -> throw new IllegalArgumentException(field);
        };
    }
}
