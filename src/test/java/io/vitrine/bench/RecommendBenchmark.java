package io.vitrine.bench;

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
import io.vitrine.event.EventValidator;
import io.vitrine.event.FeedbackService;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureUpdater;
import io.vitrine.feature.ItemFeatures;
import io.vitrine.feature.UserFeatures;
import io.vitrine.model.BundlePublisher;
import io.vitrine.model.BundleReader;
import io.vitrine.model.ModelRegistry;
import io.vitrine.rank.RankingFeatures;
import io.vitrine.rank.TribuoRanker;
import io.vitrine.recall.AlsSettings;
import io.vitrine.recommend.RecommendRequest;
import io.vitrine.recommend.RecommendService;
import io.vitrine.recommend.RecommendSettings;
import io.vitrine.redis.RedisCatalogStore;
import io.vitrine.redis.RedisCommands;
import io.vitrine.redis.RedisEventLog;
import io.vitrine.redis.RedisFeatureStore;
import io.vitrine.redis.RedisKeys;
import io.vitrine.storage.FileObjectStore;
import io.vitrine.testing.RedisClients;
import io.vitrine.testing.RedisServerProcess;
import io.vitrine.train.BundleDraft;
import io.vitrine.train.ExampleOptions;
import io.vitrine.train.TrainerParameters;
import io.vitrine.train.TrainingPipeline;

/**
 * Server-side latency of {@code recommend} with 500 candidates against a local redis-server it starts, at a fixed rate,
 * warm; then the same requests served the naive way (one Redis read and one model call per candidate) and the ratio.
 * Not a test. Run with:
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx2g -cp target/test-classes:target/classes:$(cat target/cp.txt) io.vitrine.bench.RecommendBenchmark [rps] [seconds]
 * </pre>
 */
public final class RecommendBenchmark {
    public static void main(String[] args) throws Exception {
        int rps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
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
            for (int from = 0; from < events.size(); from += 500) {
                feedback.ingestValid(events.subList(from, Math.min(events.size(), from + 500)));
            }
            ExampleOptions options = new ExampleOptions(ExampleOptions.Mode.IMPRESSIONS, Duration.ofMinutes(30), 4,
                    1.0, end.minus(Duration.ofDays(3)), 20, 100, 3);
            TrainerParameters parameters = TrainerParameters.defaults();
            TrainingPipeline.Result trained = new TrainingPipeline(settings, options, parameters, 1_000_000,
                    200_000, AlsSettings.defaults()).run(market.items(), market::events, n -> {
                    });
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("bench-models");
            FileObjectStore store = new FileObjectStore(dir);
            new BundlePublisher(store, Clock.systemUTC()).publish(trained.model(), trained.tables(),
                    BundleDraft.of(trained, settings, parameters, options));
            ModelRegistry registry = new ModelRegistry(new BundleReader(store, RankingFeatures.schemaHash(settings)),
                    Duration.ofHours(1), Clock.systemUTC());
            registry.reload();
            // Quotas sized so every request ranks 500 candidates.
            RecommendService service = new RecommendService(features, catalog, settings, registry,
                    new RecommendSettings(
                            Map.of("item_cf", 300, "embedding", 300, "trending", 300, "popular", 300, "affinity", 100,
                                    "new_arrivals", 50),
                            500, 3, 4, 10,
                            14, 0.3,
                            0.2, 0.1, Duration.ofDays(30), Duration.ofMinutes(1), Duration.ofSeconds(5), 100_000,
                            Duration.ofDays(30), Duration.ofSeconds(5)),
                    Clock.systemUTC(), STAGES,
                    java.util.concurrent.Executors.newFixedThreadPool(16));

            System.out.printf("data: %d items, %d users, %d events; model %s; %d cores, %s%n", market.items().size(),
                    market.users().size(), events.size(), registry.status().version(),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            for (int i = 0; i < 2000; i++) {
                service.recommend(request("user-" + (1 + i % 2000)));
            }
            breakdown(service, features, settings, new TribuoRanker(registry.current().orElseThrow().model()));
            STAGE_TIMES.clear();
            long[] latencies = run(service, rps, seconds);
            Arrays.sort(latencies);
            StringBuilder stages = new StringBuilder("stages during the run (median, cached path):");
            STAGE_TIMES.forEach((stage, times) -> {
                synchronized (times) {
                    stages.append(String.format(" %s %.2f ms,", stage, median(times) / 1e6));
                }
            });
            System.out.println(stages);
            System.out.printf("batched: %d requests at %d/s for %d s, 500 candidates each: p50 %.2f ms, p99 %.2f ms,"
                    + " max %.2f ms%n", latencies.length, rps, seconds, latencies[latencies.length / 2] / 1e3,
                    latencies[(int) (latencies.length * 0.99)] / 1e3, latencies[latencies.length - 1] / 1e3);

            // The naive way: one Redis read and one model call per candidate, for the same candidates.
            TribuoRanker ranker = new TribuoRanker(registry.current().orElseThrow().model());
            List<Long> batched = new ArrayList<>();
            List<Long> naive = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String user = "user-" + (1 + i * 37 % 2000);
                long t0 = System.nanoTime();
                List<String> candidates = service.recommend(new RecommendRequest(user, 500, null, Optional.empty(),
                        Set.of(), false)).items().stream().map(it -> it.itemId()).toList();
                batched.add(System.nanoTime() - t0);
                long t1 = System.nanoTime();
                Instant now = Instant.now();
                UserFeatures u = UserFeatures.of(features.read(user, List.of()).user(), now, settings);
                double best = -1;
                for (String id : candidates) {
                    ItemFeatures f = ItemFeatures.of(features.read(null, List.of(id)).items().get(id), now, settings);
                    best = Math.max(best, ranker.score(List.of(RankingFeatures.vector(u, f, now)))[0]);
                }
                naive.add(System.nanoTime() - t1);
                if (best < 0) {
                    throw new IllegalStateException("no score");
                }
            }
            double batchedMedian = median(batched) / 1e6;
            double naiveMedian = median(naive) / 1e6;
            System.out.printf("same requests (%d candidates): batched median %.2f ms, naive median %.2f ms: %.1fx%n",
                    500, batchedMedian, naiveMedian, naiveMedian / batchedMedian);
        }
        System.exit(0);
    }

    /** Per-stage durations of the measured run. */
    private static final Map<String, List<Long>> STAGE_TIMES = new java.util.concurrent.ConcurrentHashMap<>();

    private static final io.vitrine.recommend.Stages STAGES = new io.vitrine.recommend.Stages() {
        @Override
        public <T> T time(String stage, java.util.function.Supplier<T> work) {
            long t0 = System.nanoTime();
            T result = work.get();
            List<Long> times = STAGE_TIMES.computeIfAbsent(stage, s -> new ArrayList<>());
            synchronized (times) {
                times.add(System.nanoTime() - t0);
            }
            return result;
        }
    };

    /** Median time of each stage of one request with 500 candidates, measured separately. */
    private static void breakdown(RecommendService service, RedisFeatureStore features, FeatureSettings settings,
            TribuoRanker ranker) {
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
            for (ItemFeatures f : items) {
                v.add(RankingFeatures.vector(u, f, now));
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

    private static RecommendRequest request(String user) {
        return new RecommendRequest(user, 20, null, Optional.empty(), Set.of(), false);
    }

    /** Sends requests at a fixed rate from a small pool and returns each one's service time in microseconds. */
    private static long[] run(RecommendService service, int rps, int seconds) throws InterruptedException {
        int total = rps * seconds;
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(8);
        long periodNanos = 1_000_000_000L / rps;
        pool.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= total) {
                return;
            }
            pool.execute(() -> {
                long t0 = System.nanoTime();
                service.recommend(request("user-" + (1 + (i * 7919) % 2000)));
                latencies[i] = (System.nanoTime() - t0) / 1000;
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        while (next.get() < total) {
            Thread.sleep(100);
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        return latencies;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
