package io.vitrine.api;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * When a request arrived, stamped on the event loop before it waits for a worker thread. {@code recommend} counts its
 * request timeout from here, so the time a request spends queued on an overloaded instance counts against it.
 */
@Singleton
public class RequestArrival {
    static final String KEY = "vitrine.arrived-at-nanos";

    private final CurrentVertxRequest current;

    public RequestArrival(CurrentVertxRequest current) {
        this.current = current;
    }

    void register(@Observes Filters filters) {
        // Before every other filter (the body-size guard is at 1000).
        filters.register(RequestArrival::stamp, 2000);
    }

    private static void stamp(RoutingContext context) {
        context.put(KEY, System.nanoTime());
        context.next();
    }

    /** {@link System#nanoTime()} when the current request arrived, or now when it was not stamped. */
    public long nanos() {
        RoutingContext context = current.getCurrent();
        Long stamped = context == null ? null : context.get(KEY);
        return stamped == null ? System.nanoTime() : stamped;
    }
}
