package io.vitrine.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feedback throughput benchmark: posts batches of events to a running service from several client threads and prints
 * events/s and per-call latency. Not a test: run it through {@code src/bench/feedback-throughput.sh}, which starts the
 * service against a local Redis. Uses only the JDK so it runs from {@code target/test-classes}.
 *
 * <p>
 * Arguments: {@code URL API_KEY [batches=2000] [batchSize=100] [threads=8] [warmupBatches=300]}.
 */
public final class FeedbackBenchmark {
    private static final String[] TYPES = {"impression", "impression", "impression", "view", "click", "add_to_cart",
            "purchase"};

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: FeedbackBenchmark URL API_KEY [batches] [batchSize] [threads] [warmup]");
            System.exit(2);
        }
        URI uri = URI.create(args[0].replaceAll("/$", "") + "/v1/feedback");
        String key = args[1];
        int batches = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int batchSize = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 300;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String run = Long.toString(System.nanoTime(), 36);

        System.out.printf("warm-up: %d batches of %d events%n", warmup, batchSize);
        drive(http, uri, key, "w" + run, warmup, batchSize, threads);
        System.out.printf("measured: %d batches of %d events, %d client threads%n", batches, batchSize, threads);
        Stats stats = drive(http, uri, key, "m" + run, batches, batchSize, threads);

        long[] latencies = stats.latenciesMicros();
        Arrays.sort(latencies);
        double seconds = stats.elapsedNanos() / 1e9;
        System.out.printf("events accepted: %d, non-202 responses: %s%n", stats.accepted().get(), stats.errors());
        System.out.printf("throughput: %.0f events/s (%.0f calls/s) over %.1f s%n",
                stats.accepted().get() / seconds, batches / seconds, seconds);
        System.out.printf("latency per call of %d events: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", batchSize,
                percentile(latencies, 0.50) / 1000.0, percentile(latencies, 0.99) / 1000.0,
                latencies[latencies.length - 1] / 1000.0);
    }

    private static Stats drive(HttpClient http, URI uri, String key, String run, int batches, int batchSize,
            int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong accepted = new AtomicLong();
        Map<Integer, Integer> errors = new ConcurrentHashMap<>();
        long[] latencies = new long[batches];
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            int batch = b;
            futures.add(pool.submit(() -> {
                String body = body(run, batch, batchSize);
                HttpRequest request = HttpRequest.newBuilder(uri)
                        .header("X-Api-Key", key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                long t0 = System.nanoTime();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                latencies[batch] = (System.nanoTime() - t0) / 1000;
                if (response.statusCode() == 202) {
                    accepted.addAndGet(batchSize);
                } else {
                    errors.merge(response.statusCode(), 1, Integer::sum);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        return new Stats(accepted, errors, latencies, elapsed);
    }

    /** A realistic batch: 2,000 users, 5,000 items, a mix of event types, current timestamps. */
    private static String body(String run, int batch, int size) {
        StringBuilder sb = new StringBuilder(size * 140).append("{\"events\":[");
        String now = Instant.now().toString();
        for (int i = 0; i < size; i++) {
            int n = batch * size + i;
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"eventId\":\"")
                    .append(run)
                    .append('-')
                    .append(n)
                    .append("\",\"userId\":\"bench-u")
                    .append(n % 2000)
                    .append("\",\"type\":\"")
                    .append(TYPES[n % TYPES.length])
                    .append("\",\"itemId\":\"bench-i")
                    .append((n * 7919) % 5000)
                    .append("\",\"timestamp\":\"")
                    .append(now)
                    .append("\"}");
        }
        return sb.append("]}").toString();
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private record Stats(AtomicLong accepted, Map<Integer, Integer> errors, long[] latenciesMicros,
            long elapsedNanos) {
    }
}
