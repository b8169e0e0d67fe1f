package io.vitrine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.github.bucket4j.TimeMeter;

class RateLimiterTest {
    private final AtomicLong nanos = new AtomicLong();
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    @Test
    void aKeyMayBurstThenGetsTheSustainedRateAndIsToldHowLongToWait() {
        RateLimiter limiter = new RateLimiter(true, 2, 3, clock);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("key-a")).as("call %d of the burst", i + 1).isEmpty();
        }
        assertThat(limiter.acquire("key-a")).hasValueSatisfying(
                wait -> assertThat(wait).isEqualTo(Duration.ofMillis(500)));
        assertThat(limiter.acquire("key-b")).as("another key has its own bucket").isEmpty();

        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(limiter.acquire("key-a")).isEmpty();
        assertThat(limiter.acquire("key-a")).isPresent();
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("key-a")).as("refilled up to the burst, not beyond").isEmpty();
        }
        assertThat(limiter.acquire("key-a")).isPresent();
    }

    @Test
    void disabledLetsEverythingThroughAndNonsenseLimitsAreRefused() {
        RateLimiter off = new RateLimiter(false, 0, 0, clock);
        for (int i = 0; i < 1000; i++) {
            assertThat(off.acquire("key")).isEmpty();
        }
        assertThatThrownBy(() -> new RateLimiter(true, 0, 10, clock)).hasMessageContaining("requests-per-second");
        assertThatThrownBy(() -> new RateLimiter(true, 10, 0, clock)).hasMessageContaining("burst");
    }
}
