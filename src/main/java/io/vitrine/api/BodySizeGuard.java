package io.vitrine.api;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Enforces {@code quarkus.http.limits.max-body-size} with problem documents. A declared {@code Content-Length} beyond
 * it gets 413 here, before the body is read. A body without a declared length (chunked) is counted while it is read, by
 * {@link BodyLimitInterceptor}, which answers the same 413.
 * <p>
 * Quarkus cuts such a body off at the same limit itself, answering a bare 413 before any exception mapper can run. For
 * JAX-RS requests, {@link #leaveTheCutOffToTheInterceptor} moves that cut-off to twice the limit, so the interceptor's
 * problem answer comes first while Quarkus still bounds what is read.
 */
@Singleton
public class BodySizeGuard {
    /**
     * Where Quarkus keeps the body limit of a request (read by its blocking body stream). Internal to Quarkus: if it
     * changes, {@code SecurityTest#chunkedBodiesOverTheLimitAre413ProblemsToo} fails.
     */
    static final String QUARKUS_LIMIT_KEY = "io.quarkus.max-request-size";

    private final long maxBytes;

    public BodySizeGuard(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    /** The limit, in bytes. */
    long maxBytes() {
        return maxBytes;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 1000);
    }

    @ServerRequestFilter(preMatching = true)
    public void leaveTheCutOffToTheInterceptor(RoutingContext routing) {
        if (routing.get(QUARKUS_LIMIT_KEY) != null) {
            routing.put(QUARKUS_LIMIT_KEY, 2 * maxBytes);
        }
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        if (length != null && exceeds(length)) {
            String body = new JsonObject()
                    .put("type", "urn:vitrine:problem:payload-too-large")
                    .put("title", "Payload too large")
                    .put("status", 413)
                    .put("detail", "The body has " + length.trim() + " bytes; at most " + maxBytes + " are accepted")
                    .put("instance", context.request().path())
                    .encode();
            context.response()
                    .setStatusCode(413)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close")
                    .end(body);
            return;
        }
        context.next();
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
