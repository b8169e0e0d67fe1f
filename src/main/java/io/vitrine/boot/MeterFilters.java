package io.vitrine.boot;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Filters applied to every Micrometer registry.
 *
 * <p>
 * Quarkus's Netty binder binds Micrometer's {@code NettyEventExecutorMetrics} twice, for Vert.x's event-loop group and
 * for its acceptor group, and since Micrometer 1.16 that binder registers a gauge {@code netty.eventexecutor.workers}
 * without any tag naming the group: the second registration collides with the first, and every start (the service and
 * every job) logged "This Gauge has been already registered". The gauge is only the number of event loops, a constant
 * of the configuration, so it is not registered at all; the other Netty meters (pending tasks per event loop, allocator
 * memory) are kept.
 */
@Singleton
public class MeterFilters {
    /** The tag-less gauge that Quarkus's Netty binder registers once per event-loop group. */
    static final String DUPLICATED_GAUGE = "netty.eventexecutor.workers";

    @Produces
    @Singleton
    MeterFilter noDuplicatedNettyWorkersGauge() {
        return MeterFilter.deny(id -> DUPLICATED_GAUGE.equals(id.getName()));
    }
}
