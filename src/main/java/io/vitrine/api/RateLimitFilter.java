package io.vitrine.api;

import java.time.Duration;
import java.util.Optional;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Answers 429 with {@code Retry-After} once a key has used up its bucket ({@link RateLimiter}). Runs right after the
 * key is known, before a user token is verified or a body is read.
 */
public class RateLimitFilter {
    private final RateLimiter limiter;
    private final Caller caller;

    /** @param limiter and {@code caller} are client proxies (the filter is built at static init) */
    public RateLimitFilter(RateLimiter limiter, Caller caller) {
        this.limiter = limiter;
        this.caller = caller;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 10)
    public Optional<RestResponse<Problem>> limit(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().replaceFirst("^/", "").startsWith("v1/")) {
            return Optional.empty();
        }
        Optional<Duration> wait = limiter.acquire(caller.fingerprint());
        if (wait.isEmpty()) {
            return Optional.empty();
        }
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        return Optional.of(RestResponse.ResponseBuilder
                .create(RestResponse.Status.TOO_MANY_REQUESTS, Problem.of("rate-limited", "Too many requests", 429,
                        "This API key has made more calls than its rate limit allows; retry after " + seconds + " s",
                        path))
                .type(Problem.MEDIA_TYPE)
                .header("Retry-After", seconds)
                .build());
    }
}
