package io.vitrine.boot;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vitrine.pipeline.Stages;

/**
 * Stage latencies as Micrometer timers {@code vitrine.recommend.stage{stage=...}} with p50, p95 and p99, exported at
 * {@code /q/metrics} (Prometheus: {@code vitrine_recommend_stage_seconds}).
 */
final class StageTimers implements Stages {
    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    StageTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public <T> T time(String stage, Supplier<T> work) {
        Timer timer = timers.computeIfAbsent(stage, s -> Timer.builder("vitrine.recommend.stage")
                .description("Latency of one stage of a recommend request")
                .tag("stage", s)
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry));
        return timer.record(work);
    }
}
