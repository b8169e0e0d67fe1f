package io.vitrine.redis;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.runtime.StartupEvent;

/**
 * Readiness check {@code redis-access}: down while Redis refuses Vitrine's user (wrong password, missing ACL permission
 * or key pattern), with Redis's answer in its data; up otherwise, also while Redis is unreachable, which the
 * {@code vitrine} check reports and {@code recommend} survives degraded. A refused user is a deployment error that no
 * fallback should hide: the instance leaves rotation and the start-up log says why (ERROR, once per change). The check
 * runs {@link RedisAccessCheck} at start, then again on a readiness call once a minute has passed since a granted
 * result or a second since any other.
 */
@Readiness
@ApplicationScoped
public class RedisAccessReadiness implements HealthCheck {
    private static final System.Logger LOG = System.getLogger(RedisAccessReadiness.class.getName());
    private static final Duration AFTER_GRANTED = Duration.ofMinutes(1);
    private static final Duration AFTER_OTHER = Duration.ofSeconds(1);

    private final RedisAccessCheck check;
    private final Clock clock;
    private RedisAccessCheck.Result last;
    private Instant checkedAt = Instant.EPOCH;

    public RedisAccessReadiness(RedisAccessCheck check, Clock clock) {
        this.check = check;
        this.clock = clock;
    }

    void atStart(@Observes StartupEvent event) {
        current();
    }

    @Override
    public HealthCheckResponse call() {
        RedisAccessCheck.Result result = current();
        boolean refused = result.status() == RedisAccessCheck.Status.REFUSED;
        return HealthCheckResponse.named("redis-access")
                .withData("access", result.status().name().toLowerCase(java.util.Locale.ROOT))
                .withData("detail", result.detail())
                .status(!refused)
                .build();
    }

    private synchronized RedisAccessCheck.Result current() {
        Instant now = clock.instant();
        Duration age = last != null && last.status() == RedisAccessCheck.Status.GRANTED ? AFTER_GRANTED : AFTER_OTHER;
        if (last == null || !now.isBefore(checkedAt.plus(age))) {
            RedisAccessCheck.Result result = check.check();
            if (result.status() == RedisAccessCheck.Status.REFUSED
                    && (last == null || last.status() != RedisAccessCheck.Status.REFUSED)) {
                LOG.log(Level.ERROR, "Redis refuses Vitrine''s user: {0}. Check the password in quarkus.redis.hosts"
                        + " (or quarkus.redis.password) and the user''s ACL (README, Redis: TLS and ACL).",
                        result.detail());
            } else if (result.status() == RedisAccessCheck.Status.GRANTED && last != null
                    && last.status() == RedisAccessCheck.Status.REFUSED) {
                LOG.log(Level.INFO, "Redis accepts Vitrine''s user again");
            }
            last = result;
            checkedAt = now;
        }
        return last;
    }
}
