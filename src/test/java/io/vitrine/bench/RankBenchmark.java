package io.vitrine.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import io.vitrine.catalog.Item;
import io.vitrine.demo.DemoMarketplace;
import io.vitrine.demo.DemoSettings;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureSnapshot;
import io.vitrine.feature.ItemFeatures;
import io.vitrine.feature.UserFeatures;
import io.vitrine.pipeline.PipelineSettings;
import io.vitrine.rank.FeatureMatrix;
import io.vitrine.rank.RankingFeatures;
import io.vitrine.rank.TreeEnsemble;
import io.vitrine.rank.TreeEnsembleRanker;
import io.vitrine.rank.TribuoRanker;
import io.vitrine.rank.XGBoostTrees;
import io.vitrine.train.ExampleOptions;
import io.vitrine.train.TrainingOptions;
import io.vitrine.train.TrainingPipeline;

/**
 * The rank stage of {@code recommend} alone, for 500 candidates of one user: building the vectors, and scoring them
 * with the plain-Java trees (the default evaluator) and with Tribuo. Same data and model parameters as
 * {@link RecommendBenchmark}, no Redis (features come from the trainer's in-memory replay). Reports the median wall
 * time and the median CPU time of the measuring thread: the CPU time does not count time the thread waited for a core,
 * so it stays comparable on a loaded machine. Not a test. Run with:
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx2g -XX:+UseG1GC -cp target/test-classes:target/classes:$(cat target/cp.txt) io.vitrine.bench.RankBenchmark [iterations]
 * </pre>
 */
public final class RankBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static double sink;

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        FeatureSettings settings = FeatureSettings.defaults();
        Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS);
        DemoMarketplace market = new DemoMarketplace(new DemoSettings(2000, 1000, 14, 3, end));
        ExampleOptions options = new ExampleOptions(ExampleOptions.Mode.IMPRESSIONS, Duration.ofMinutes(30), 4, 1.0,
                end.minus(Duration.ofDays(3)), 20, 100, 3);
        TrainingPipeline.Result trained = new TrainingPipeline(settings, PipelineSettings.defaults(),
                TrainingOptions.defaults(options)).run(market.items(), market::events, n -> {
                });
        TreeEnsemble trees = TreeEnsemble.parse(XGBoostTrees.of(trained.model()).toBytes());
        TreeEnsembleRanker java = TreeEnsembleRanker.of(trees);
        TribuoRanker tribuo = new TribuoRanker(trained.model());
        int nodes = trees.trees().stream().mapToInt(TreeEnsemble.Tree::size).sum();
        int depth = trees.trees().stream().mapToInt(TreeEnsemble.Tree::depth).max().orElse(0);

        List<String> candidates = market.items().stream().map(Item::itemId).limit(500).toList();
        List<UserFeatures> users = new ArrayList<>();
        List<List<ItemFeatures>> items = new ArrayList<>();
        List<List<double[]>> vectors = new ArrayList<>();
        for (int u = 0; u < 20; u++) {
            FeatureSnapshot snapshot = trained.replay().state().read("user-" + (1 + u * 97), candidates);
            UserFeatures user = UserFeatures.of(snapshot.user(), end, settings);
            List<ItemFeatures> features = candidates.stream()
                    .map(id -> ItemFeatures.of(snapshot.items().get(id), end, settings))
                    .toList();
            users.add(user);
            items.add(features);
            vectors.add(features.stream().map(f -> RankingFeatures.vector(user, f, end)).toList());
        }
        List<FeatureMatrix> matrices = vectors.stream()
                .map(v -> FeatureMatrix.of(v, RankingFeatures.NAMES.size()))
                .toList();
        double maxDifference = 0;
        for (List<double[]> batch : vectors) {
            double[] a = java.score(batch);
            double[] b = tribuo.score(batch);
            for (int i = 0; i < a.length; i++) {
                maxDifference = Math.max(maxDifference, Math.abs(a[i] - b[i]));
            }
        }
        System.out.printf("model: %d trees, depth %d, %d nodes; %d candidates; %d cores, Java %s;"
                + " java vs Tribuo max |difference| %.2e%n", trees.trees().size(), depth, nodes, candidates.size(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), maxDifference);

        int[] next = {0};
        for (int round = 1; round <= 3; round++) {
            System.out.printf("round %d%n", round);
            measure("vectors, per pair (vector(user, item, now))", iterations, () -> {
                int k = next[0]++ % 20;
                UserFeatures user = users.get(k);
                List<double[]> out = new ArrayList<>(500);
                for (ItemFeatures f : items.get(k)) {
                    out.add(RankingFeatures.vector(user, f, end));
                }
                return out.get(0)[0];
            });
            measure("vectors, user part once (forUser(user, now))", iterations, () -> {
                int k = next[0]++ % 20;
                RankingFeatures.ForUser pairs = RankingFeatures.forUser(users.get(k), end);
                List<double[]> out = new ArrayList<>(500);
                for (ItemFeatures f : items.get(k)) {
                    out.add(pairs.vector(f, null));
                }
                return out.get(0)[0];
            });
            measure("vectors into the thread's matrix (request path)", iterations, () -> {
                int k = next[0]++ % 20;
                RankingFeatures.ForUser pairs = RankingFeatures.forUser(users.get(k), end);
                List<ItemFeatures> batch = items.get(k);
                FeatureMatrix out = FeatureMatrix.forThread(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    pairs.fill(batch.get(i), null, out, i);
                }
                return (double) out.values()[0];
            });
            measure("score, java trees (TreeEnsembleRanker, list)", iterations,
                    () -> java.score(vectors.get(next[0]++ % 20))[0]);
            measure("score, java trees on a matrix (request path)", iterations,
                    () -> java.score(matrices.get(next[0]++ % 20))[0]);
            measure("score, Tribuo batch (libxgboost)", iterations / 3,
                    () -> tribuo.score(vectors.get(next[0]++ % 20))[0]);
        }
        System.exit(sink == 42 ? 1 : 0);
    }

    /** Median wall and thread CPU time of {@code work}, after as many warm-up runs. */
    private static void measure(String name, int iterations, Supplier<Double> work) {
        for (int i = 0; i < iterations; i++) {
            sink += work.get();
        }
        long[] wall = new long[iterations];
        long[] cpu = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            sink += work.get();
            wall[i] = System.nanoTime() - t0;
            cpu[i] = THREADS.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("  %-48s median wall %.3f ms, median CPU %.3f ms (p90 wall %.3f ms)%n", name,
                wall[iterations / 2] / 1e6, cpu[iterations / 2] / 1e6, wall[iterations * 9 / 10] / 1e6);
    }
}
