package io.vitrine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Regressions found by the hostile input properties (io.vitrine.api.HostileInputTest). */
class FieldsTest {

    @Test
    void instantsOutsideFourDigitYearsAreViolationsNotOverflows() {
        List<FieldViolation> out = new ArrayList<>();

        assertThat(Fields.optionalInstant("+1000000000-12-31T23:59:59.999999999Z", "createdAt", out)).isNull();
        assertThat(Fields.optionalInstant("-1000000000-01-01T00:00:00Z", "signupAt", out)).isNull();
        assertThat(Fields.optionalInstant("+10000-01-01T00:00:00Z", "timestamp", out)).isNull();

        assertThat(out).extracting(FieldViolation::field).containsExactly("createdAt", "signupAt", "timestamp");
        assertThat(out).allSatisfy(v -> assertThat(v.message()).contains("0000 and 9999"));
        assertThat(Fields.optionalInstant("0000-01-01T00:00:00Z", "a", out)).isEqualTo(Fields.MIN_INSTANT);
        assertThat(Fields.optionalInstant("9999-12-31T23:59:59Z", "a", out)).isBefore(Fields.MAX_INSTANT);
        assertThat(Fields.MAX_INSTANT.toEpochMilli()).isPositive();
        assertThat(out).hasSize(3);
        assertThat(Instant.parse("2026-11-26T10:15:30Z")).isBetween(Fields.MIN_INSTANT, Fields.MAX_INSTANT);
    }

    @Test
    void unpairedSurrogatesAreRejectedPairsAccepted() {
        List<FieldViolation> out = new ArrayList<>();

        Fields.requireId("\uD800-33", "itemId", out);
        Fields.optionalText("tag\uDC00", "tags[0]", 64, out);
        Fields.optionalId("\uDC00\uD800", "sessionId", out);
        Fields.optionalText("x\uDBFF", "title", 512, out);

        assertThat(out).extracting(FieldViolation::field).containsExactly("itemId", "tags[0]", "sessionId", "title");
        assertThat(out).allSatisfy(v -> assertThat(v.message()).contains("unpaired surrogate"));
        List<FieldViolation> none = new ArrayList<>();
        Fields.requireId("emoji-\uD83D\uDE00", "itemId", none);
        Fields.optionalText("\u4e2d\u6587 \u00e9\uFFFF", "title", 512, none);
        assertThat(none).isEmpty();
    }

    @Test
    void emptyOptionalTextIsAbsent() {
        assertThat(Fields.emptyToNull("")).isNull();
        assertThat(Fields.emptyToNull(null)).isNull();
        assertThat(Fields.emptyToNull(" ")).isEqualTo(" ");
    }
}
