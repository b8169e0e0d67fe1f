package io.vitrine.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.quarkus.qute.TemplateData;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The live numbers of the overview, read from this instance's Micrometer registry (the meters {@code /q/metrics}
 * exports): stage latency percentiles, and the recommend, degraded-answer and feedback rates over the last five
 * minutes, from samples of the counters taken every 10 s.
 */
@Singleton
public class ConsoleMetrics {
    /** The window of the rates. */
    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Duration EVERY = Duration.ofSeconds(10);
    private static final List<String> STAGE_ORDER = List.of("user", "recall", "features", "rank", "rerank");

    private final MeterRegistry meters;
    private final Clock clock;
    private final boolean serving;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private ScheduledExecutorService sampler;

    public ConsoleMetrics(MeterRegistry meters, Clock clock,
            @ConfigProperty(name = "quarkus.http.host-enabled", defaultValue = "true") boolean serving) {
        this.meters = meters;
        this.clock = clock;
        this.serving = serving;
    }

    void start(@Observes StartupEvent event) {
        if (!serving) {
            return;
        }
        sample();
        sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "vitrine-console-metrics");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(this::sample, EVERY.toSeconds(), EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }

    private synchronized void sample() {
        Sample now = now();
        samples.addLast(now);
        while (samples.size() > 1 && samples.peekFirst().at().isBefore(now.at().minus(WINDOW))) {
            samples.removeFirst();
        }
    }

    private Sample now() {
        return new Sample(clock.instant(), count("vitrine.recommend.answers", null),
                count("vitrine.recommend.degraded", null), count("vitrine.feedback.events", "accepted"),
                count("vitrine.feedback.events", "duplicate"));
    }

    private double count(String name, String result) {
        var search = meters.find(name);
        if (result != null) {
            search = search.tag("result", result);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    /** The rates since the oldest sample of the window (or since start when the instance is younger). */
    public synchronized Rates rates() {
        Sample now = now();
        Sample first = samples.isEmpty() ? now : samples.peekFirst();
        double minutes = Duration.between(first.at(), now.at()).toMillis() / 60_000.0;
        double answers = now.answers() - first.answers();
        double degraded = now.degraded() - first.degraded();
        double accepted = now.accepted() - first.accepted();
        double duplicates = now.duplicates() - first.duplicates();
        return new Rates(Math.round(minutes * 60), perMinute(answers, minutes),
                answers > 0 ? Charts.percent(degraded / answers) : "\u2014", perMinute(accepted, minutes),
                perMinute(duplicates, minutes), (long) now.answers(), (long) now.degraded(), (long) now.accepted(),
                (long) now.duplicates(), answers > 0 && degraded / answers >= 0.01);
    }

    private static String perMinute(double count, double minutes) {
        return minutes <= 0 ? "\u2014" : String.format(Locale.ROOT, "%.1f", count / minutes);
    }

    /** Each recommend stage's latency percentiles (Micrometer's, over its last two minutes), in pipeline order. */
    public List<StageRow> stages() {
        List<StageRow> out = new ArrayList<>();
        for (Timer timer : meters.find("vitrine.recommend.stage").timers()) {
            String stage = timer.getId().getTag("stage");
            String p50 = "\u2014";
            String p95 = "\u2014";
            String p99 = "\u2014";
            for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
                String ms = String.format(Locale.ROOT, "%.2f", v.value(TimeUnit.MILLISECONDS));
                if (v.percentile() == 0.5) {
                    p50 = ms;
                } else if (v.percentile() == 0.95) {
                    p95 = ms;
                } else if (v.percentile() == 0.99) {
                    p99 = ms;
                }
            }
            out.add(new StageRow(stage, timer.count(), p50, p95, p99));
        }
        out.sort(Comparator.comparingInt((StageRow r) -> {
            int i = STAGE_ORDER.indexOf(r.stage());
            return i < 0 ? STAGE_ORDER.size() : i;
        }).thenComparing(StageRow::stage));
        return out;
    }

    private record Sample(Instant at, double answers, double degraded, double accepted, double duplicates) {
    }

    /**
     * Rates over {@code windowSeconds}, and totals since the instance started.
     *
     * @param degradedAlert at least 1% of the window's answers were degraded
     */
    @TemplateData
    public record Rates(long windowSeconds, String recommendPerMinute, String degradedShare,
            String acceptedPerMinute, String duplicatesPerMinute, long answers, long degraded, long accepted,
            long duplicates, boolean degradedAlert) {
    }

    /** One stage's latency in milliseconds. */
    @TemplateData
    public record StageRow(String stage, long count, String p50, String p95, String p99) {
    }
}
