package io.vitrine.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vitrine.demo.DemoMarketplace;
import io.vitrine.demo.DemoSettings;
import io.vitrine.event.Event;
import io.vitrine.event.EventPolicy;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureUpdater;
import io.vitrine.feature.ItemFeatures;
import io.vitrine.feature.UserFeatures;
import io.vitrine.feedback.FeedbackService;
import io.vitrine.model.ModelBundle;
import io.vitrine.model.ModelCodec;
import io.vitrine.model.ModelRegistry;
import io.vitrine.pipeline.PipelineParameters;
import io.vitrine.pipeline.PipelineSettings;
import io.vitrine.pipeline.RecommendRequest;
import io.vitrine.rank.Ranker;
import io.vitrine.rank.RankingFeatures;
import io.vitrine.rank.TribuoRanker;
import io.vitrine.recommend.RecommendService;
import io.vitrine.recommend.ServingSettings;
import io.vitrine.redis.RedisCatalogStore;
import io.vitrine.redis.RedisCommands;
import io.vitrine.redis.RedisEventLog;
import io.vitrine.redis.RedisFeatureStore;
import io.vitrine.redis.RedisKeys;
import io.vitrine.storage.FileObjectStore;
import io.vitrine.testing.RedisClients;
import io.vitrine.testing.RedisServerProcess;
import io.vitrine.train.ExampleOptions;
import io.vitrine.train.TrainingOptions;
import io.vitrine.train.TrainingPipeline;
import io.vitrine.wire.EventValidator;

/**
 * Server-side latency of {@code recommend} with 500 candidates against a local redis-server it starts, at a fixed rate,
 * warm; then the same requests served the naive way (one Redis read and one model call per candidate, with the served
 * model and with Tribuo) and the ratios. Repeats the measured run {@code runs} times in the same JVM and prints the
 * 1-minute load average and the GC activity of each. The heap settings below (G1, fixed 1 GB) are those a deployment
 * would use; the heap after a young collection holds about 100 MB here, the benchmark's own data (events, the trained
 * model) included. Not a test. Run with:
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xms1g -Xmx1g -XX:+UseG1GC -Xlog:gc:file=target/recommend-gc.log \
 *     -cp target/test-classes:target/classes:$(cat target/cp.txt) io.vitrine.bench.RecommendBenchmark [rps] [seconds] [runs] [java|tribuo] [ease-quota]
 * </pre> A positive {@code ease-quota} adds the EASE source with that quota and merge weight 10 (as the offline
 * evaluation weighs it); 0, the default, serves without it, as the default configuration does.
 */
public final class RecommendBenchmark {
    private static int EASE_QUOTA;

    public static void main(String[] args) throws Exception {
        int rps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        EASE_QUOTA = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        ModelBundle.Evaluator evaluator = ModelBundle.Evaluator
                .valueOf((args.length > 3 ? args[3] : "java").toUpperCase(java.util.Locale.ROOT));
        FeatureSettings settings = FeatureSettings.defaults();
        Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS);
        DemoMarketplace market = new DemoMarketplace(new DemoSettings(2000, 1000, 14, 3, end));
        try (RedisServerProcess redis = RedisServerProcess.start(false)) {
            RedisCommands commands = RedisClients.commands(redis);
            RedisKeys keys = new RedisKeys("bench");
            RedisFeatureStore features = new RedisFeatureStore(commands, keys, settings);
            RedisCatalogStore catalog = new RedisCatalogStore(commands, keys);
            catalog.upsertItems(market.items());
            FeedbackService feedback = new FeedbackService(new EventValidator(new EventPolicy(500,
                    Duration.ofMinutes(5), Optional.empty())), new RedisEventLog(commands, keys, 10_000_000,
                            Duration.ofDays(1)),
                    catalog, features, new FeatureUpdater(settings), Clock.systemUTC());
            List<Event> events = new ArrayList<>();
            market.events(events::add);
            feedback.ingestValid(events::forEach, 500);
            ExampleOptions options = new ExampleOptions(ExampleOptions.Mode.IMPRESSIONS, Duration.ofMinutes(30), 4,
                    1.0, end.minus(Duration.ofDays(3)), 20, 100, 3);
            TrainingPipeline.Result trained = new TrainingPipeline(settings, PipelineSettings.defaults(),
                    TrainingOptions.defaults(options)).run(market.items(), market::events, n -> {
                    });
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("bench-models");
            FileObjectStore store = new FileObjectStore(dir);
            trained.publish(store, Clock.systemUTC());
            ModelRegistry registry = new ModelRegistry(
                    ModelCodec.reader(store, RankingFeatures.schemaHash(settings), evaluator),
                    Duration.ofHours(1), Clock.systemUTC());
            registry.reload();
            RecommendService service = service(features, catalog, settings, registry, Duration.ofSeconds(5), 100_000);

            Ranker served = registry.current().orElseThrow().ranker();
            Ranker tribuo = new TribuoRanker(trained.model());
            System.out.printf("data: %d items, %d users, %d events; model %s, evaluator %s; %d cores, Java %s, heap"
                    + " max %d MB, GC %s%n", market.items().size(), market.users().size(), events.size(),
                    registry.status().version(), evaluator.name().toLowerCase(java.util.Locale.ROOT),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    Runtime.getRuntime().maxMemory() >> 20,
                    ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
            for (int i = 0; i < 2000; i++) {
                service.recommend(request("user-" + (1 + i % 2000)));
            }
            breakdown(service, features, settings, served);
            for (int run = 1; run <= runs; run++) {
                STAGE_TIMES.clear();
                STAGE_COSTS.clear();
                double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                long[] gcBefore = gc();
                Run measured = run(service, rps, seconds);
                long[] gcAfter = gc();
                double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                long[] latencies = measured.arrival();
                long[] serviceTimes = measured.service();
                Arrays.sort(latencies);
                Arrays.sort(serviceTimes);
                StringBuilder stages = new StringBuilder("stages during the run (median / p99, cached path):");
                STAGE_TIMES.forEach((stage, times) -> {
                    synchronized (times) {
                        stages.append(String.format(" %s %.2f / %.2f ms,", stage, median(times) / 1e6,
                                percentile(times, 0.99) / 1e6));
                    }
                });
                System.out.printf("run %d: load average %.2f before, %.2f after%n", run, loadBefore, loadAfter);
                System.out.println(stages);
                StringBuilder costs = new StringBuilder("per request, on the request's own thread (thread CPU ms /"
                        + " KB allocated):");
                STAGE_COSTS.forEach((stage, c) -> costs.append(String.format(" %s %.3f / %.1f,", stage,
                        c.get(1) / 1e6 / c.get(0), c.get(2) / 1024.0 / c.get(0))));
                System.out.println(costs);
                System.out.printf("batched: %d requests at %d/s for %d s, 500 candidates each: p50 %.2f ms, p99 %.2f"
                        + " ms, max %.2f ms from arrival (service time p50 %.2f ms, p99 %.2f ms); completed %.0f/s;"
                        + " GC: %d collections, %d ms in total; process CPU %.2f ms and %.0f KB allocated per"
                        + " request%n",
                        latencies.length, rps, seconds, latencies[latencies.length / 2] / 1e3,
                        latencies[(int) (latencies.length * 0.99)] / 1e3, latencies[latencies.length - 1] / 1e3,
                        serviceTimes[serviceTimes.length / 2] / 1e3,
                        serviceTimes[(int) (serviceTimes.length * 0.99)] / 1e3,
                        latencies.length / (measured.elapsedNanos() / 1e9), gcAfter[0] - gcBefore[0],
                        gcAfter[1] - gcBefore[1], measured.cpuNanos() / 1e6 / latencies.length,
                        measured.allocatedBytes() / 1024.0 / latencies.length);
                naive(service, features, settings, served, tribuo);
            }
        }
        System.exit(0);
    }

    /**
     * The same requests served the naive way: one Redis read and one model call per candidate, for the 500 candidates
     * the batched path ranks (recall and re-ranking are not counted for the naive path). The batched request is the one
     * of the run (count 20, per-instance caches warm); the naive path calls the served model (the evaluator of this
     * run) per candidate, and Tribuo per candidate (how the naive path was measured while Tribuo was the default).
     */
    private static void naive(RecommendService service, RedisFeatureStore features, FeatureSettings settings,
            Ranker served, Ranker tribuo) {
        List<Long> batched = new ArrayList<>();
        List<Long> naiveServed = new ArrayList<>();
        List<Long> naiveTribuo = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String user = "user-" + (1 + i * 37 % 2000);
            List<String> candidates = service.recommend(new RecommendRequest(user, 500, null, Optional.empty(),
                    Set.of(), false)).items().stream().map(it -> it.itemId()).toList();
            long t0 = System.nanoTime();
            service.recommend(request(user));
            batched.add(System.nanoTime() - t0);
            naiveServed.add(naively(user, candidates, features, settings, served));
            naiveTribuo.add(naively(user, candidates, features, settings, tribuo));
        }
        double batchedMedian = median(batched) / 1e6;
        double servedMedian = median(naiveServed) / 1e6;
        double tribuoMedian = median(naiveTribuo) / 1e6;
        System.out.printf("same requests (500 candidates): batched median %.2f ms; naive with the served model %.2f ms:"
                + " %.1fx; naive with Tribuo per candidate %.2f ms: %.1fx%n", batchedMedian, servedMedian,
                servedMedian / batchedMedian, tribuoMedian, tribuoMedian / batchedMedian);
    }

    /** Nanoseconds to read and score {@code candidates} one at a time. */
    private static long naively(String user, List<String> candidates, RedisFeatureStore features,
            FeatureSettings settings, Ranker ranker) {
        long t0 = System.nanoTime();
        Instant now = Instant.now();
        UserFeatures u = UserFeatures.of(features.read(user, List.of()).user(), now, settings);
        double best = -1;
        for (String id : candidates) {
            ItemFeatures f = ItemFeatures.of(features.read(null, List.of(id)).items().get(id), now, settings);
            best = Math.max(best, ranker.score(List.of(RankingFeatures.vector(u, f, now)))[0]);
        }
        if (best < 0) {
            throw new IllegalStateException("no score");
        }
        return System.nanoTime() - t0;
    }

    /** Collections and milliseconds spent in them so far, over all collectors. */
    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, bean.getCollectionCount());
            millis += Math.max(0, bean.getCollectionTime());
        }
        return new long[]{count, millis};
    }

    /** The service as a deployment configures it, with quotas sized so every request ranks 500 candidates. */
    static RecommendService service(RedisFeatureStore features, RedisCatalogStore catalog,
            FeatureSettings settings, ModelRegistry registry, Duration cacheTtl, long cacheSize) {
        PipelineSettings pipeline = PipelineParameters.apply(PipelineSettings.defaults(),
                Map.of("recall.item_cf.quota", 300, "recall.embedding.quota", 300, "recall.trending.quota", 300,
                        "recall.popular.quota", 300, "recall.affinity.quota", 100, "recall.new_arrivals.quota", 50,
                        "recall.ease.quota", EASE_QUOTA));
        ServingSettings serving = new ServingSettings(Duration.ofSeconds(5), Map.of(), Duration.ofMinutes(1), cacheTtl,
                cacheSize);
        return new RecommendService(features, catalog, settings, registry, pipeline, Map.of(), serving,
                Clock.systemUTC(), STAGES, java.util.concurrent.Executors.newFixedThreadPool(16));
    }

    /** Per-stage durations of the measured run. */
    private static final Map<String, List<Long>> STAGE_TIMES = new java.util.concurrent.ConcurrentHashMap<>();
    /** Per-stage thread CPU nanoseconds and allocated bytes of the measured run: {count, cpu, bytes}. */
    private static final Map<String, java.util.concurrent.atomic.AtomicLongArray> STAGE_COSTS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
            .getThreadMXBean();

    private static final io.vitrine.pipeline.Stages STAGES = new io.vitrine.pipeline.Stages() {
        @Override
        public <T> T time(String stage, java.util.function.Supplier<T> work) {
            long t0 = System.nanoTime();
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long bytes0 = THREADS.getCurrentThreadAllocatedBytes();
            T result = work.get();
            long bytes = THREADS.getCurrentThreadAllocatedBytes() - bytes0;
            long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
            List<Long> times = STAGE_TIMES.computeIfAbsent(stage, s -> new ArrayList<>());
            synchronized (times) {
                times.add(System.nanoTime() - t0);
            }
            java.util.concurrent.atomic.AtomicLongArray costs = STAGE_COSTS.computeIfAbsent(stage,
                    s -> new java.util.concurrent.atomic.AtomicLongArray(3));
            costs.incrementAndGet(0);
            costs.addAndGet(1, cpu);
            costs.addAndGet(2, bytes);
            return result;
        }
    };

    /** Median time of each stage of one request with 500 candidates, measured separately. */
    private static void breakdown(RecommendService service, RedisFeatureStore features, FeatureSettings settings,
            Ranker ranker) {
        List<String> candidates = service.recommend(new RecommendRequest("user-1", 500, null, Optional.empty(),
                Set.of(), false)).items().stream().map(it -> it.itemId()).toList();
        List<Long> read = new ArrayList<>();
        List<Long> parse = new ArrayList<>();
        List<Long> vectors = new ArrayList<>();
        List<Long> score = new ArrayList<>();
        List<Long> trending = new ArrayList<>();
        List<Long> total = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Instant now = Instant.now();
            long t0 = System.nanoTime();
            var snapshot = features.read("user-" + (1 + i), candidates);
            long t1 = System.nanoTime();
            UserFeatures u = UserFeatures.of(snapshot.user(), now, settings);
            List<ItemFeatures> items = new ArrayList<>();
            snapshot.items().forEach((id, state) -> items.add(ItemFeatures.of(state, now, settings)));
            long t2 = System.nanoTime();
            List<double[]> v = new ArrayList<>();
            RankingFeatures.ForUser pairs = RankingFeatures.forUser(u, now);
            for (ItemFeatures f : items) {
                v.add(pairs.vector(f, null));
            }
            long t3 = System.nanoTime();
            ranker.score(v);
            long t4 = System.nanoTime();
            features.trending(List.of("global", "cat:phone", "cat:case", "cat:charger"), 400, now);
            long t5 = System.nanoTime();
            service.recommend(request("user-" + (1 + i)));
            long t6 = System.nanoTime();
            read.add(t1 - t0);
            parse.add(t2 - t1);
            vectors.add(t3 - t2);
            score.add(t4 - t3);
            trending.add(t5 - t4);
            total.add(t6 - t5);
        }
        System.out.printf(
                "stages (median, 500 candidates): Redis read %.2f ms, parse features %.2f ms, vectors %.2f ms,"
                        + " model %.2f ms, trending read %.2f ms; whole request %.2f ms%n",
                median(read) / 1e6,
                median(parse) / 1e6, median(vectors) / 1e6, median(score) / 1e6, median(trending) / 1e6,
                median(total) / 1e6);
    }

    static RecommendRequest request(String user) {
        return new RecommendRequest(user, 20, null, Optional.empty(), Set.of(), false);
    }

    /**
     * The requests of a run, in microseconds: {@code service} from the moment a worker starts the request,
     * {@code arrival} from the moment it was due (so it includes any wait for a free worker); and how long the run
     * took.
     */
    record Run(long[] service, long[] arrival, long elapsedNanos, long cpuNanos, long allocatedBytes) {
    }

    /** CPU time of this process so far (every thread: request path, Redis client, GC, JIT, the generator). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Bytes allocated so far by the threads alive now (the pools of a run live for the whole run). */
    static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        long total = 0;
        for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, allocated);
        }
        return total;
    }

    /** Sends requests at a fixed rate from a small pool. */
    static Run run(RecommendService service, int rps, int seconds) throws InterruptedException {
        int total = rps * seconds;
        long[] serviceTimes = new long[total];
        long[] arrivalTimes = new long[total];
        AtomicInteger next = new AtomicInteger();
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(8);
        // Start the pool's threads before counting, so their allocations are counted from zero and they live to the end.
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(8);
        for (int t = 0; t < 8; t++) {
            pool.execute(() -> {
                started.countDown();
                try {
                    started.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        started.await();
        AtomicInteger done = new AtomicInteger();
        long periodNanos = 1_000_000_000L / rps;
        long cpu0 = processCpuNanos();
        long allocated0 = allocatedBytes();
        long start = System.nanoTime();
        pool.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= total) {
                return;
            }
            long due = System.nanoTime();
            pool.execute(() -> {
                long t0 = System.nanoTime();
                service.recommend(request("user-" + (1 + (i * 7919) % 2000)));
                long t1 = System.nanoTime();
                serviceTimes[i] = (t1 - t0) / 1000;
                arrivalTimes[i] = (t1 - due) / 1000;
                done.incrementAndGet();
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        while (done.get() < total) {
            Thread.sleep(20);
        }
        long elapsed = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpu0;
        long allocated = allocatedBytes() - allocated0;
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        return new Run(serviceTimes, arrivalTimes, elapsed, cpu, allocated);
    }

    private static double median(List<Long> values) {
        return percentile(values, 0.5);
    }

    private static double percentile(List<Long> values, double p) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get((int) (sorted.size() * p));
    }
}
