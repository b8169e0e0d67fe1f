package io.vitrine.recall;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import io.vitrine.feature.ScoredItem;

/**
 * Builds every recall table for a synthetic dataset and prints wall time and heap per step. Not a test (timings belong
 * in benchmarks); run it from the test classpath:
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -Xmx3g -cp target/test-classes:target/classes:$(cat cp.txt) io.vitrine.recall.RecallTablesBenchmark \
 *     [users=20000] [items=5000] [interactions=1000000] [lambda=0.05]
 * </pre>
 *
 * The data: items fall into 20 hidden categories; each user has a favourite category and takes 80% of their
 * interactions from it and 20% from the whole catalog, both with Zipf(1.0) popularity; weights are 1 (view, 75%), 3
 * (cart, 17%) or 5 (purchase, 8%); times are spread evenly over 90 days. "Same category" below is the share of
 * neighbour entries whose item is in the same hidden category as the list's item (1/20 for random neighbours).
 *
 * <p>
 * "Peak heap" is the sum of the heap pools' peak usage during the step, so it includes garbage not yet collected;
 * "retained" is the heap in use after a full GC at the end of the step, with the step's result still referenced.
 */
public final class RecallTablesBenchmark {
    private static final int CATEGORIES = 20;
    private static final long DAY = Duration.ofDays(1).toMillis();

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int itemCount = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int interactions = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        double lambda = args.length > 3 ? Double.parseDouble(args[3]) : 0.05;
        System.out.printf("java %s, %d processors, max heap %d MB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        Data data = Data.generate(users, itemCount, interactions, new SplittableRandom(2026));
        System.out.printf("data: %d interactions, %d users, %d items, %d days%n", interactions, users, itemCount,
                90);

        NeighbourLists cooccurrence = measure("co-occurrence (stream + build)", () -> {
            CooccurrenceBuilder builder = new CooccurrenceBuilder();
            data.forEach(builder::accept);
            NeighbourLists table = builder.build();
            System.out.printf("  %d pairs counted, %d items with lists, %d entries%n", builder.pairCount(),
                    table.itemCount(), table.entryCount());
            return table;
        });
        System.out.printf("  same category: %.3f%n", data.sameCategory(cooccurrence));

        PopularityLists popularity = measure("category popularity (stream + build)", () -> {
            CategoryPopularity builder = new CategoryPopularity(Duration.ofDays(7), 100, data.categoryOf::get);
            data.forEach(builder::accept);
            PopularityLists lists = builder.build();
            System.out.printf("  %d categories, global top %s%n", lists.categories().size(),
                    lists.global().get(0).itemId());
            return lists;
        });

        InteractionMatrix matrix = measure("interaction matrix (CSR + CSC)", () -> {
            InteractionMatrix.Builder builder = InteractionMatrix.builder();
            data.forEach(builder::accept);
            InteractionMatrix m = builder.build();
            System.out.printf("  %d non-zeros%n", m.nonZeroCount());
            return m;
        });
        AlsSettings settings = AlsSettings.defaults().withRegularization(lambda);
        AlsModel model = measure("ALS " + settings, () -> {
            AlsModel m = new ImplicitAls(settings).fit(matrix);
            double[] loss = m.lossHistory();
            System.out.printf("  loss %.4g -> %.4g (iteration 1: %.4g)%n", loss[0], loss[loss.length - 1], loss[1]);
            return m;
        });
        ItemEmbeddings embeddings = model.itemEmbeddings();
        NeighbourLists nearest = measure("embedding top-50 neighbours (brute force, 2 threads)",
                () -> embeddings.nearestNeighbours(50, 2));
        System.out.printf("  same category: %.3f%n", data.sameCategory(nearest));

        RecallTables tables = new RecallTables(
                Map.of(RecallTables.COOCCURRENCE, cooccurrence, RecallTables.EMBEDDING, nearest), embeddings,
                popularity);
        roundTrip("recall tables", tables);
        roundTrip("50k items x 50 neighbours", new RecallTables(Map.of("large", largeTable(50_000, 50)),
                ItemEmbeddings.empty(), new PopularityLists(0, Duration.ofDays(1), List.of(), Map.of())));
    }

    private static void roundTrip(String name, RecallTables tables) throws Exception {
        Path file = Files.createTempFile("recall-tables", ".bin");
        try {
            measure("write " + name, () -> {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                    tables.writeTo(out);
                }
                System.out.printf("  %.1f MB%n", Files.size(file) / 1e6);
                return null;
            });
            // Warm the reader once so the timing below is not mostly class loading and interpretation.
            read(file);
            RecallTables read = measure("read " + name, () -> read(file));
            if (!read.equals(tables)) {
                throw new IllegalStateException("round trip changed the tables");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static RecallTables read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return RecallTables.readFrom(in);
        }
    }

    private static NeighbourLists largeTable(int items, int neighbours) {
        SplittableRandom random = new SplittableRandom(5);
        String[] ids = new String[items];
        for (int i = 0; i < items; i++) {
            ids[i] = "item-" + i;
        }
        Map<String, List<ScoredItem>> lists = new HashMap<>();
        for (int i = 0; i < items; i++) {
            ScoredItem[] list = new ScoredItem[neighbours];
            for (int n = 0; n < neighbours; n++) {
                // Shared id strings, as the reader produces them, so the heap figures compare like with like.
                list[n] = new ScoredItem(ids[(i + 1 + random.nextInt(items - 1)) % items],
                        1.0 - n / (double) neighbours);
            }
            lists.put(ids[i], Arrays.asList(list));
        }
        return NeighbourLists.of(lists);
    }

    private static <T> T measure(String step, Callable<T> work) throws Exception {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans()
                .stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        System.gc();
        long before = used(heap);
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        T result = work.call();
        long elapsed = System.nanoTime() - start;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.gc();
        long after = used(heap);
        System.out.printf("%-55s %8.2f s   peak heap %6d MB   retained %5d MB (before %d MB)%n", step,
                elapsed / 1e9, peak >> 20, after >> 20, before >> 20);
        return result;
    }

    private static long used(List<MemoryPoolMXBean> heap) {
        return heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    /** The synthetic interactions in primitive arrays, in time order. */
    private record Data(String[] userIds, String[] itemIds, int[] user, int[] item, float[] weight, long[] at,
            int[] category, Map<String, String> categoryOf) {

        static Data generate(int users, int items, int n, SplittableRandom random) {
            String[] userIds = new String[users];
            for (int u = 0; u < users; u++) {
                userIds[u] = "user-" + u;
            }
            String[] itemIds = new String[items];
            int[] category = new int[items];
            Map<String, String> categoryOf = new HashMap<>();
            for (int i = 0; i < items; i++) {
                itemIds[i] = "item-" + i;
                category[i] = random.nextInt(CATEGORIES);
                categoryOf.put(itemIds[i], "category-" + category[i]);
            }
            // Items of each category, most popular first (by index), for the within-category Zipf draw.
            int[][] members = new int[CATEGORIES][];
            for (int c = 0; c < CATEGORIES; c++) {
                int cc = c;
                members[c] = IntStream.range(0, items).filter(i -> category[i] == cc).toArray();
            }
            double[] globalZipf = zipf(items);
            double[][] categoryZipf = new double[CATEGORIES][];
            for (int c = 0; c < CATEGORIES; c++) {
                categoryZipf[c] = zipf(members[c].length);
            }
            int[] favourite = new int[users];
            for (int u = 0; u < users; u++) {
                favourite[u] = random.nextInt(CATEGORIES);
            }
            int[] user = new int[n];
            int[] item = new int[n];
            float[] weight = new float[n];
            long[] at = new long[n];
            long start = 1_767_225_600_000L; // 2026-01-01
            for (int e = 0; e < n; e++) {
                int u = random.nextInt(users);
                user[e] = u;
                if (random.nextDouble() < 0.8) {
                    int c = favourite[u];
                    item[e] = members[c][draw(categoryZipf[c], random)];
                } else {
                    item[e] = draw(globalZipf, random);
                }
                double kind = random.nextDouble();
                weight[e] = kind < 0.75 ? 1 : kind < 0.92 ? 3 : 5;
                at[e] = start + (long) ((double) e / n * 90 * DAY);
            }
            return new Data(userIds, itemIds, user, item, weight, at, category, categoryOf);
        }

        /** Cumulative Zipf(1.0) distribution over ranks 1..n. */
        private static double[] zipf(int n) {
            double[] cumulative = new double[n];
            double sum = 0;
            for (int r = 0; r < n; r++) {
                sum += 1.0 / (r + 1);
                cumulative[r] = sum;
            }
            for (int r = 0; r < n; r++) {
                cumulative[r] /= sum;
            }
            return cumulative;
        }

        private static int draw(double[] cumulative, SplittableRandom random) {
            int p = Arrays.binarySearch(cumulative, random.nextDouble());
            return Math.min(cumulative.length - 1, p >= 0 ? p : -p - 1);
        }

        void forEach(Consumer<Interaction> sink) {
            for (int e = 0; e < user.length; e++) {
                sink.accept(new Interaction(userIds[user[e]], itemIds[item[e]], weight[e], at[e]));
            }
        }

        double sameCategory(NeighbourLists table) {
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < itemIds.length; i++) {
                index.put(itemIds[i], i);
            }
            long same = 0;
            long total = 0;
            for (String item : table.items()) {
                int c = category[index.get(item)];
                for (ScoredItem n : table.neighbours(item)) {
                    total++;
                    if (category[index.get(n.itemId())] == c) {
                        same++;
                    }
                }
            }
            return total == 0 ? 0 : same / (double) total;
        }
    }
}
