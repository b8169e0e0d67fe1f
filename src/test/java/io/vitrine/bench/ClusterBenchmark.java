package io.vitrine.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.vitrine.demo.DemoMarketplace;
import io.vitrine.demo.DemoSettings;
import io.vitrine.event.Event;
import io.vitrine.event.EventContext;
import io.vitrine.event.EventPolicy;
import io.vitrine.event.EventType;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureUpdater;
import io.vitrine.feedback.FeedbackService;
import io.vitrine.model.BundleReader;
import io.vitrine.model.ModelRegistry;
import io.vitrine.pipeline.PipelineSettings;
import io.vitrine.rank.RankingFeatures;
import io.vitrine.recall.AlsSettings;
import io.vitrine.recall.EaseSettings;
import io.vitrine.recommend.RecommendService;
import io.vitrine.redis.RedisCatalogStore;
import io.vitrine.redis.RedisCommands;
import io.vitrine.redis.RedisEventLog;
import io.vitrine.redis.RedisFeatureStore;
import io.vitrine.redis.RedisKeys;
import io.vitrine.storage.FileObjectStore;
import io.vitrine.testing.RedisClients;
import io.vitrine.testing.RedisClusterProcess;
import io.vitrine.testing.RedisServerProcess;
import io.vitrine.train.ExampleOptions;
import io.vitrine.train.TrainerParameters;
import io.vitrine.train.TrainingOptions;
import io.vitrine.train.TrainingPipeline;
import io.vitrine.wire.EventValidator;

/**
 * Redis Cluster against one Redis, same run, same data, same model: {@code recommend} with 500 candidates at a fixed
 * rate (with the per-instance item cache as deployed, and without it, so that every request reads 500 item hashes; that
 * variant at a twentieth of the rate) and feedback ingestion throughput (batches of 100 new events from 8 threads,
 * through {@link FeedbackService}: the deduplicating append and the online feature update); the backends take turns run
 * by run, and the ratios are printed. Then the cost of {@code ack-replicas=1} (WAIT for one replica) on a cluster with
 * one replica per master. The cluster has 3 masters on the same machine as one Redis, so it measures the client's
 * routing (split, parallel per-master batches, reassembly), not more capacity. Not a test. Run with:
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xms1g -Xmx1g -XX:+UseG1GC -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     io.vitrine.bench.ClusterBenchmark [rps=200] [seconds=20] [runs=2] [feedback batches=400]
 * </pre>
 */
public final class ClusterBenchmark {
    public static void main(String[] args) throws Exception {
        int rps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int batches = args.length > 3 ? Integer.parseInt(args[3]) : 400;
        System.out.printf("command: java %s -cp ... %s %d %d %d %d; load average %.2f at the start%n",
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                ClusterBenchmark.class.getName(), rps, seconds, runs, batches, load());
        FeatureSettings settings = FeatureSettings.defaults();
        Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS);
        DemoMarketplace market = new DemoMarketplace(new DemoSettings(2000, 1000, 14, 3, end));
        List<Event> events = new ArrayList<>();
        market.events(events::add);
        try (RedisServerProcess single = RedisServerProcess.start(false);
                RedisClusterProcess cluster = RedisClusterProcess.start(3, 0, 5000, List.of());
                RedisClusterProcess replicated = RedisClusterProcess.start(3, 1, 5000, List.of())) {
            Map<String, RedisCommands> backends = new LinkedHashMap<>();
            backends.put("one Redis", RedisClients.commands(single, Duration.ofSeconds(5)));
            backends.put("cluster of 3 masters", RedisCommands.cluster(RedisClients.vertx().getDelegate(),
                    cluster.clientOptions(), Duration.ofSeconds(5)));

            ExampleOptions options = new ExampleOptions(ExampleOptions.Mode.IMPRESSIONS, Duration.ofMinutes(30), 4,
                    1.0, end.minus(Duration.ofDays(3)), 20, 100, 3);
            TrainerParameters parameters = TrainerParameters.defaults();
            TrainingPipeline.Result trained = new TrainingPipeline(settings, PipelineSettings.defaults(),
                    new TrainingOptions(options, parameters, 1_000_000, AlsSettings.defaults(),
                            EaseSettings.defaults()))
                    .run(market.items(), market::events, n -> {
                    });
            FileObjectStore store = new FileObjectStore(Files.createTempDirectory("bench-models"));
            trained.publish(store, Clock.systemUTC());
            ModelRegistry registry = new ModelRegistry(new BundleReader(store, RankingFeatures.schemaHash(settings)),
                    Duration.ofHours(1), Clock.systemUTC());
            registry.reload();

            Map<String, RecommendService[]> services = new LinkedHashMap<>();
            Map<String, FeedbackService> feedback = new LinkedHashMap<>();
            for (Map.Entry<String, RedisCommands> b : backends.entrySet()) {
                RedisKeys keys = new RedisKeys("bench");
                RedisFeatureStore features = new RedisFeatureStore(b.getValue(), keys, settings);
                RedisCatalogStore catalog = new RedisCatalogStore(b.getValue(), keys);
                catalog.upsertItems(market.items());
                FeedbackService ingest = feedback(b.getValue(), keys, features, catalog, settings, 0);
                long t0 = System.nanoTime();
                ingest.ingestValid(events::forEach, 500);
                System.out.printf("%s: imported %d events in %.1f s%n", b.getKey(), events.size(),
                        (System.nanoTime() - t0) / 1e9);
                services.put(b.getKey(), new RecommendService[]{
                        RecommendBenchmark.service(features, catalog, settings, registry, Duration.ofSeconds(5),
                                100_000),
                        RecommendBenchmark.service(features, catalog, settings, registry, Duration.ZERO, 0)});
                feedback.put(b.getKey(), ingest);
            }
            System.out.printf("data: %d items, %d users, %d events; model %s; %d cores, Java %s%n",
                    market.items().size(), market.users().size(), events.size(), registry.status().version(),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            for (RecommendService[] pair : services.values()) {
                for (RecommendService service : pair) {
                    for (int i = 0; i < 2000; i++) {
                        service.recommend(RecommendBenchmark.request("user-" + (1 + i % 2000)));
                    }
                }
            }
            String[] variants = {"cached items (as deployed)", "no item cache (500 item reads per request)"};
            Map<String, List<Double>> p50 = new LinkedHashMap<>();
            for (int run = 1; run <= runs; run++) {
                for (int v = 0; v < variants.length; v++) {
                    for (Map.Entry<String, RecommendService[]> s : services.entrySet()) {
                        double load = load();
                        int rate = v == 0 ? rps : Math.max(5, rps / 20);
                        RecommendBenchmark.Run r = RecommendBenchmark.run(s.getValue()[v], rate, seconds);
                        long[] lat = r.arrival();
                        long[] service = r.service();
                        Arrays.sort(lat);
                        Arrays.sort(service);
                        double median = lat[lat.length / 2] / 1e3;
                        p50.computeIfAbsent(variants[v] + " | " + s.getKey(), k -> new ArrayList<>()).add(median);
                        p50.computeIfAbsent(variants[v] + " service time | " + s.getKey(), k -> new ArrayList<>())
                                .add(service[service.length / 2] / 1e3);
                        System.out.printf("run %d, recommend, %s, %s: %d requests at %d/s, p50 %.2f ms, p99 %.2f ms"
                                + " from arrival (service time p50 %.2f ms) (load average %.2f before, %.2f after)%n",
                                run, variants[v], s.getKey(), lat.length, rate, median,
                                lat[(int) (lat.length * 0.99)] / 1e3, service[service.length / 2] / 1e3, load, load());
                    }
                }
                for (Map.Entry<String, FeedbackService> f : feedback.entrySet()) {
                    double load = load();
                    double[] result = feedbackRun(f.getValue(), "r" + run + f.getKey().hashCode(), batches, market);
                    p50.computeIfAbsent("feedback events/s | " + f.getKey(), k -> new ArrayList<>()).add(result[0]);
                    System.out.printf("run %d, feedback, %s: %.0f events/s, per batch of 100 p50 %.2f ms, p99 %.2f ms"
                            + " (load average %.2f before, %.2f after)%n", run, f.getKey(), result[0], result[1],
                            result[2], load, load());
                }
            }
            for (String variant : List.of(variants[0], variants[0] + " service time", variants[1],
                    variants[1] + " service time", "feedback events/s")) {
                List<Double> one = p50.get(variant + " | one Redis");
                List<Double> three = p50.get(variant + " | cluster of 3 masters");
                double ratio = three.stream().mapToDouble(d -> d).average().orElseThrow()
                        / one.stream().mapToDouble(d -> d).average().orElseThrow();
                System.out.printf("ratio cluster / one Redis, %s: %.2f (%s: one Redis %s, cluster %s)%n", variant,
                        ratio, variant.startsWith("feedback") ? "events/s" : "p50 ms", format(one), format(three));
            }

            RedisCommands withReplicas = RedisCommands.cluster(RedisClients.vertx().getDelegate(),
                    replicated.clientOptions(), Duration.ofSeconds(5));
            RedisKeys keys = new RedisKeys("bench");
            RedisFeatureStore features = new RedisFeatureStore(withReplicas, keys, settings);
            RedisCatalogStore catalog = new RedisCatalogStore(withReplicas, keys);
            catalog.upsertItems(market.items());
            for (int run = 1; run <= runs; run++) {
                for (int ack : new int[]{0, 1}) {
                    FeedbackService service = feedback(withReplicas, keys, features, catalog, settings, ack);
                    double load = load();
                    double[] result = feedbackRun(service, "ack" + ack + "r" + run, batches, market);
                    System.out.printf("run %d, feedback, 3 masters + 3 replicas, ack-replicas=%d: %.0f events/s, per"
                            + " batch of 100 p50 %.2f ms, p99 %.2f ms (load average %.2f before)%n", run, ack,
                            result[0], result[1], result[2], load);
                }
            }
        }
        System.exit(0);
    }

    private static FeedbackService feedback(RedisCommands redis, RedisKeys keys, RedisFeatureStore features,
            RedisCatalogStore catalog, FeatureSettings settings, int ackReplicas) {
        return new FeedbackService(new EventValidator(new EventPolicy(500, Duration.ofMinutes(5), Optional.empty())),
                new RedisEventLog(redis, keys, 10_000_000, Duration.ofDays(1), ackReplicas), catalog, features,
                new FeatureUpdater(settings), Clock.systemUTC());
    }

    /** Events/s, p50 and p99 ms per batch of 100 new events, 8 threads; 50 batches of warm-up first. */
    private static double[] feedbackRun(FeedbackService service, String run, int batches, DemoMarketplace market)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        drive(pool, service, run + "w", 50, market);
        long t0 = System.nanoTime();
        long[] micros = drive(pool, service, run, batches, market);
        double secondsTaken = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        Arrays.sort(micros);
        return new double[]{batches * 100 / secondsTaken, micros[micros.length / 2] / 1e3,
                micros[(int) (micros.length * 0.99)] / 1e3};
    }

    private static long[] drive(ExecutorService pool, FeedbackService service, String run, int batches,
            DemoMarketplace market) throws Exception {
        long[] micros = new long[batches];
        AtomicLong stored = new AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        Instant now = Instant.now();
        EventType[] types = {EventType.IMPRESSION, EventType.IMPRESSION, EventType.VIEW, EventType.CLICK,
                EventType.ADD_TO_CART, EventType.PURCHASE};
        for (int b = 0; b < batches; b++) {
            int batch = b;
            futures.add(pool.submit(() -> {
                List<Event> events = new ArrayList<>(100);
                for (int i = 0; i < 100; i++) {
                    int n = batch * 100 + i;
                    EventType type = types[n % types.length];
                    events.add(new Event(run + "-" + n, "user-" + (1 + n % 2000), type,
                            market.items().get((n * 7919) % market.items().size()).itemId(), now, null,
                            type == EventType.PURCHASE ? 20.0 : null, null, null, EventContext.EMPTY));
                }
                long t0 = System.nanoTime();
                stored.addAndGet(service.ingestValid(events).accepted());
                micros[batch] = (System.nanoTime() - t0) / 1000;
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        if (stored.get() != batches * 100L) {
            throw new IllegalStateException("stored " + stored.get() + " of " + batches * 100 + " events");
        }
        return micros;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String format(List<Double> values) {
        return values.stream().map(v -> String.format("%.2f", v)).toList().toString();
    }
}
