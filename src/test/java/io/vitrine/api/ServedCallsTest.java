package io.vitrine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vitrine.api.ServedCalls.Call;

class ServedCallsTest {

    @Test
    void allServesEveryCall() {
        assertThat(ServedCalls.parse(List.of("all"))).isEqualTo(EnumSet.allOf(Call.class));
        assertThat(ServedCalls.parse(List.of("recommend", " ALL "))).isEqualTo(EnumSet.allOf(Call.class));
    }

    @Test
    void namesAreCaseInsensitiveAndBlanksIgnored() {
        assertThat(ServedCalls.parse(List.of(" Recommend", "ab-assign", ""))).containsExactlyInAnyOrder(Call.RECOMMEND,
                Call.AB_ASSIGN);
    }

    @Test
    void unknownOrNoNamesAreRefused() {
        assertThatThrownBy(() -> ServedCalls.parse(List.of("recommend", "recomend", "items")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown: recomend, items");
        assertThatThrownBy(() -> ServedCalls.parse(List.of(" "))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names none");
    }

    @Test
    void pathsMapToTheirCall() {
        assertThat(Call.of("/v1/recommend")).isEqualTo(Call.RECOMMEND);
        assertThat(Call.of("v1/feedback")).isEqualTo(Call.FEEDBACK);
        assertThat(Call.of("/v1/ab-assign")).isEqualTo(Call.AB_ASSIGN);
        assertThat(Call.of("/v1/items/p1")).isEqualTo(Call.ADMIN);
        assertThat(Call.of("/v1/recommendations")).isEqualTo(Call.ADMIN);
        assertThat(Call.of("/v1/model/reload")).isEqualTo(Call.ADMIN);
    }
}
