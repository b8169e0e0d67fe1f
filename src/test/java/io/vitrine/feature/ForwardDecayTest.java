package io.vitrine.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class ForwardDecayTest {
    private final ForwardDecay decay = new ForwardDecay(Duration.ofDays(1));

    @Test
    void halvesPerHalfLife() {
        long t = Instant.parse("2026-11-26T00:00:00Z").toEpochMilli();
        double stored = decay.contribution(8, t);

        assertThat(decay.valueAt(stored, decay.generation(t), t)).isCloseTo(8, within(1e-9));
        assertThat(decay.valueAt(stored, decay.generation(t), t + Duration.ofDays(1).toMillis()))
                .isCloseTo(4, within(1e-9));
        assertThat(decay.valueAt(stored, decay.generation(t), t + Duration.ofDays(3).toMillis()))
                .isCloseTo(1, within(1e-9));
    }

    @Test
    void valuesAcrossAGenerationBoundaryAddUpAndStayFinite() {
        long generationMillis = Duration.ofDays(ForwardDecay.HALF_LIVES_PER_GENERATION).toMillis();
        // Generation 80 starts in 2026 for a one-day half-life.
        long beforeBoundary = 80 * generationMillis - 1000;
        long afterBoundary = beforeBoundary + 2000;
        int g1 = decay.generation(beforeBoundary);
        int g2 = decay.generation(afterBoundary);
        double stored1 = decay.contribution(1, beforeBoundary);
        double stored2 = decay.contribution(1, afterBoundary);

        assertThat(g2).isEqualTo(g1 + 1);
        assertThat(Double.isFinite(stored1)).isTrue();
        double sum = decay.valueAt(stored1, g1, afterBoundary) + decay.valueAt(stored2, g2, afterBoundary);
        // The older event has decayed for two seconds; the newer one not at all.
        assertThat(sum).isCloseTo(1 + Math.pow(2, -2000.0 / Duration.ofDays(1).toMillis()), within(1e-9));
        assertThat(decay.isLive(g1, afterBoundary)).isTrue();
        assertThat(decay.isLive(g1 - 1, afterBoundary)).isFalse();
    }
}
