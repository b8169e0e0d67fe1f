package io.vitrine.api;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * A bucket4j token bucket per caller (API key fingerprint): {@code burst} calls at once, refilled at
 * {@code requests-per-second}. In process, per instance; buckets exist only for configured keys (unknown keys are
 * refused before they get here), so their number is bounded.
 */
@ApplicationScoped
public class RateLimiter {
    private final boolean enabled;
    private final Bandwidth limit;
    private final TimeMeter time;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    public RateLimiter(AbuseConfig config) {
        this(config.rateLimit().enabled(), config.rateLimit().requestsPerSecond(), config.rateLimit().burst(),
                TimeMeter.SYSTEM_NANOTIME);
    }

    RateLimiter(boolean enabled, long requestsPerSecond, long burst, TimeMeter time) {
        if (enabled && (requestsPerSecond < 1 || burst < 1)) {
            throw new IllegalArgumentException("vitrine.abuse.rate-limit.requests-per-second and burst must be at"
                    + " least 1");
        }
        this.enabled = enabled;
        this.limit = enabled
                ? Bandwidth.builder().capacity(burst).refillGreedy(requestsPerSecond, Duration.ofSeconds(1)).build()
                : null;
        this.time = time;
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Takes one call from the caller's bucket.
     *
     * @return empty when the call may proceed, else how long until it would
     */
    public Optional<Duration> acquire(String caller) {
        if (!enabled) {
            return Optional.empty();
        }
        ConsumptionProbe probe = buckets
                .computeIfAbsent(caller, k -> Bucket.builder().addLimit(limit).withCustomTimePrecision(time).build())
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
