package io.vitrine.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Recorder;

/**
 * An open-model load generator: sends recommend calls and feedback batches at fixed rates, whether or not earlier calls
 * have answered (so a slow server is measured, not hidden), and prints per 10-second window the latency percentiles,
 * the status codes and the service's resident memory. Not a test; {@code src/bench/load.sh} runs it against the
 * packaged service. Latency is measured from the time each call was due, so queueing in the generator counts.
 *
 * <pre>
 * java -cp target/test-classes:$(cat target/cp.txt) io.vitrine.bench.LoadGenerator BASE_URL API_KEY
 *      RECOMMEND_PER_S EVENTS_PER_S SECONDS USERS ITEMS_FILE SERVICE_PID
 * </pre>
 */
public final class LoadGenerator {
    private static final int EVENTS_PER_BATCH = 50;
    private static final int ATTEMPTS = 6;
    private static final String[] TYPES = {"impression", "impression", "impression", "view", "click", "click",
            "add_to_cart", "purchase"};

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4))
            .build();
    private final String base;
    private final String key;
    private final Map<String, Recorder> latency = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> totals = new ConcurrentHashMap<>();
    private final AtomicLong acknowledgedEvents = new AtomicLong();
    /** Events of batches given up after {@link #ATTEMPTS} sends (each may or may not be stored). */
    private final AtomicLong abandonedEvents = new AtomicLong();
    /** Feedback batches neither acknowledged nor abandoned yet. */
    private final AtomicLong unsettledBatches = new AtomicLong();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong eventIds = new AtomicLong();

    private LoadGenerator(String base, String key) {
        this.base = base;
        this.key = key;
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String key = args[1];
        int recommendPerSecond = Integer.parseInt(args[2]);
        int eventsPerSecond = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int users = Integer.parseInt(args[5]);
        List<String> items = Files.readAllLines(Path.of(args[6]));
        long pid = Long.parseLong(args[7]);
        new LoadGenerator(base, key).run(recommendPerSecond, eventsPerSecond, seconds, users, items, pid);
    }

    private void run(int recommendPerSecond, int eventsPerSecond, int seconds, int users, List<String> items,
            long pid) throws InterruptedException {
        System.out.printf("load: %d recommend/s and %d events/s (batches of %d) for %d s, %d users, %d items%n",
                recommendPerSecond, eventsPerSecond, EVENTS_PER_BATCH, seconds, users, items.size());
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        long start = System.nanoTime();
        long recommendPeriod = 1_000_000_000L / recommendPerSecond;
        AtomicLong recommendSent = new AtomicLong();
        clock.scheduleAtFixedRate(() -> {
            long n = recommendSent.getAndIncrement();
            long due = start + n * recommendPeriod;
            String body = "{\"userId\":\"user-" + (n * 7919 % users) + "\",\"count\":20}";
            send("recommend", "/v1/recommend", body, due, 200, 0);
        }, 0, recommendPeriod, TimeUnit.NANOSECONDS);
        if (eventsPerSecond > 0) {
            int batchesPerSecond = Math.max(1, eventsPerSecond / EVENTS_PER_BATCH);
            long feedbackPeriod = 1_000_000_000L / batchesPerSecond;
            AtomicLong batchesSent = new AtomicLong();
            clock.scheduleAtFixedRate(() -> {
                long due = start + batchesSent.getAndIncrement() * feedbackPeriod;
                send("feedback", "/v1/feedback", batch(users, items), due, 202, EVENTS_PER_BATCH);
            }, 0, feedbackPeriod, TimeUnit.NANOSECONDS);
        }
        // After the first 30 s (JIT warm-up), every recommend call and the service's CPU time go into one summary.
        org.HdrHistogram.Histogram warm = new org.HdrHistogram.Histogram(3);
        long warmCpuTicks = -1;
        long warmStart = 0;

        System.out.println("window  call       calls  p50 ms  p99 ms  max ms  statuses                 rss MB");
        for (int window = 10; window <= seconds; window += 10) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, start + window * 1_000_000_000L - System.nanoTime()));
            String rss = rssMegabytes(pid);
            if (window == WARM_UP_SECONDS) {
                warmCpuTicks = cpuTicks(pid);
                warmStart = System.nanoTime();
            }
            for (String call : List.of("recommend", "feedback")) {
                Recorder recorder = latency.computeIfAbsent(call, c -> new Recorder(3));
                var h = recorder.getIntervalHistogram();
                totals.computeIfAbsent(call, c -> new AtomicLong()).addAndGet(h.getTotalCount());
                if (call.equals("recommend") && window > WARM_UP_SECONDS) {
                    warm.add(h);
                }
                System.out.printf("%4ds   %-9s %6d %7.2f %7.2f %7.1f  %-24s %s%n", window, call, h.getTotalCount(),
                        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                        h.getMaxValue() / 1000.0, statusesOf(call), rss);
            }
        }
        long endCpuTicks = cpuTicks(pid);
        double warmSeconds = (System.nanoTime() - warmStart) / 1e9;
        clock.shutdownNow();
        if (warmCpuTicks >= 0 && warm.getTotalCount() > 0) {
            double cpuMillis = (endCpuTicks - warmCpuTicks) * 1000.0 / TICKS_PER_SECOND;
            System.out.printf(
                    "recommend after %d s of warm-up: %d calls in %.0f s (%.0f/s), from the time each was due:"
                            + " p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.1f ms; service process CPU %.2f ms"
                            + " per call (all of its threads, feedback included when sent)%n",
                    WARM_UP_SECONDS,
                    warm.getTotalCount(), warmSeconds, warm.getTotalCount() / warmSeconds,
                    warm.getValueAtPercentile(50) / 1000.0, warm.getValueAtPercentile(90) / 1000.0,
                    warm.getValueAtPercentile(99) / 1000.0, warm.getValueAtPercentile(99.9) / 1000.0,
                    warm.getMaxValue() / 1000.0, cpuMillis / warm.getTotalCount());
        }
        Thread.sleep(2000);
        // Let the retries of the last refused batches finish.
        for (int i = 0; i < 600 && unsettledBatches.get() > 0; i++) {
            Thread.sleep(100);
        }
        System.out.printf("total: recommend %d calls, feedback %d calls; statuses %s; events acknowledged %d;"
                + " events abandoned after %d attempts %d; batches unsettled %d%n",
                totals.get("recommend").get(), totals.getOrDefault("feedback", new AtomicLong()).get(),
                new TreeMap<>(statuses),
                acknowledgedEvents.get(), ATTEMPTS, abandonedEvents.get(), unsettledBatches.get());
        System.exit(0);
    }

    private String batch(int users, List<String> items) {
        StringBuilder body = new StringBuilder("{\"events\":[");
        for (int i = 0; i < EVENTS_PER_BATCH; i++) {
            long id = eventIds.incrementAndGet();
            if (i > 0) {
                body.append(',');
            }
            String type = TYPES[(int) (id % TYPES.length)];
            body.append("{\"eventId\":\"load-")
                    .append(id)
                    .append("\",\"userId\":\"user-")
                    .append(id * 31 % users)
                    .append("\",\"type\":\"")
                    .append(type)
                    .append("\",\"itemId\":\"")
                    .append(items.get((int) (id * 17 % items.size())))
                    .append('"');
            if (type.equals("purchase")) {
                body.append(",\"value\":19.9,\"quantity\":1");
            }
            body.append('}');
        }
        return body.append("]}").toString();
    }

    private void send(String call, String path, String body, long dueNanos, int expected, int events) {
        if (events > 0) {
            unsettledBatches.incrementAndGet();
        }
        send(call, path, body, dueNanos, expected, events, 1);
    }

    /**
     * Sends a call. A feedback batch refused with 503 or lost in transit is sent again with the same event ids, as a
     * mobile client would (after Retry-After, at most {@link #ATTEMPTS} times), so the event log must hold each event
     * once however often it was sent. Latency and status are recorded per attempt.
     */
    private void send(String call, String path, String body, long dueNanos, int expected, int events, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Api-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long sentNanos = System.nanoTime();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            long micros = (System.nanoTime() - (attempt == 1 ? dueNanos : sentNanos)) / 1000;
            latency.computeIfAbsent(call, c -> new Recorder(3)).recordValue(Math.max(0, micros));
            String status = error != null ? "error" : Integer.toString(response.statusCode());
            statuses.computeIfAbsent(call + " " + status, s -> new AtomicLong()).incrementAndGet();
            if (error == null && response.statusCode() == expected) {
                acknowledgedEvents.addAndGet(events);
            }
            boolean refused = events > 0 && (error != null || response.statusCode() == 503);
            if (refused && attempt < ATTEMPTS) {
                long wait = error != null ? 1 : response.headers().firstValueAsLong("Retry-After").orElse(1);
                retries.schedule(() -> send(call, path, body, dueNanos, expected, events, attempt + 1),
                        Math.max(1, wait), TimeUnit.SECONDS);
                return;
            }
            if (refused) {
                abandonedEvents.addAndGet(events);
            }
            // Settled last, so the final count never misses this batch's events.
            if (events > 0) {
                unsettledBatches.decrementAndGet();
            }
        });
    }

    private final Map<String, Long> lastStatuses = new ConcurrentHashMap<>();

    /** Status counts of one call in the last window. */
    private String statusesOf(String call) {
        List<String> out = new ArrayList<>();
        statuses.forEach((k, v) -> {
            if (k.startsWith(call + " ")) {
                long now = v.get();
                long before = lastStatuses.getOrDefault(k, 0L);
                lastStatuses.put(k, now);
                if (now > before) {
                    out.add(k.substring(call.length() + 1) + "x" + (now - before));
                }
            }
        });
        return String.join(" ", out);
    }

    private static final int WARM_UP_SECONDS = 30;
    /** Clock ticks per second of /proc/PID/stat (USER_HZ, 100 on Linux). */
    private static final int TICKS_PER_SECOND = 100;

    /** User plus system CPU time of a process so far, in clock ticks, or -1 when unreadable. */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name (which may hold spaces), from field 3: utime is 14, stime 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String rssMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.toString(Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return "?";
        }
        return "?";
    }
}
