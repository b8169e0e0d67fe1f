package io.vitrine.api;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers 413 as a problem document when a declared {@code Content-Length} exceeds
 * {@code quarkus.http.limits.max-body-size}, before the body is read. (A chunked body without a length is cut off by
 * Vert.x at the same limit, with a bare 413.)
 */
@Singleton
public class BodySizeGuard {
    private final long maxBytes;

    public BodySizeGuard(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 1000);
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
