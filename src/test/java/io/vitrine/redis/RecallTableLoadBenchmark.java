package io.vitrine.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.RedisOptions;
import io.vitrine.feature.ScoredItem;
import io.vitrine.recall.ItemEmbeddings;
import io.vitrine.recall.NeighbourLists;
import io.vitrine.recall.PopularityLists;
import io.vitrine.recall.RecallTableStore;
import io.vitrine.recall.RecallTables;
import io.vitrine.testing.RedisServerProcess;

/**
 * Loads synthetic recall tables into a local redis-server it starts, then times reads the way a recommend call makes
 * them. Not a test (timings belong in benchmarks); run it from the test classpath:
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.vitrine.redis.RecallTableLoadBenchmark \
 *     [items=50000] [neighbours=50] [sources=2] [reads=5000] [batchSize=500]
 * </pre>
 *
 * Item ids are {@code item-<n>}; each list has distinct random neighbours with descending scores. A read is the
 * neighbour lists of 50 random items from one source (one pipelined batch), timed from the caller's side over a
 * loopback connection, after 1000 warm-up reads.
 */
public final class RecallTableLoadBenchmark {
    public static void main(String[] args) {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int neighbours = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int sources = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int reads = args.length > 3 ? Integer.parseInt(args[3]) : 5_000;
        int batchSize = args.length > 4 ? Integer.parseInt(args[4]) : RedisRecallTableStore.DEFAULT_BATCH_SIZE;

        RecallTables tables = tables(items, neighbours, sources, new SplittableRandom(2026));
        Vertx vertx = Vertx.vertx();
        try (RedisServerProcess server = RedisServerProcess.start(false)) {
            Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(server.uri()));
            RedisCommands redis = new RedisCommands(client, Duration.ofSeconds(30));
            System.out.printf("redis %s, java %s, %d processors; %d items x %d neighbours x %d sources, batch %d%n",
                    info(redis, "redis_version"), System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), items, neighbours, sources, batchSize);
            RecallTableStore store = new RedisRecallTableStore(redis, new RedisKeys("vitrine"), batchSize);

            long start = System.nanoTime();
            store.load("v1", tables);
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            long keys = redis.send(Request.cmd(Command.DBSIZE)).toLong();
            System.out.printf("load: %.2f s, %d keys (%.0f keys/s), redis used_memory %s%n", loadSeconds, keys,
                    keys / loadSeconds, info(redis, "used_memory_human"));

            List<String> ids = tables.neighbours(RecallTables.COOCCURRENCE).items();
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < 1000; i++) {
                read(store, ids, random, tables);
            }
            long[] nanos = new long[reads];
            long entries = 0;
            for (int i = 0; i < reads; i++) {
                long t = System.nanoTime();
                entries += read(store, ids, random, null);
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            System.out.printf("read 50 items' lists (%d reads, %.0f entries each): p50 %.3f ms, p99 %.3f ms, "
                    + "max %.3f ms%n", reads, (double) entries / reads, nanos[reads / 2] / 1e6,
                    nanos[(int) (reads * 0.99)] / 1e6, nanos[reads - 1] / 1e6);

            start = System.nanoTime();
            store.drop("v1", tables); // v1 was never activated, so it may be dropped
            double dropSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("drop: %.2f s, %d keys left%n", dropSeconds,
                    redis.send(Request.cmd(Command.DBSIZE)).toLong());
            client.close();
        } finally {
            vertx.closeAndAwait();
        }
    }

    /** Reads 50 random items; with {@code check}, also verifies every list against the tables. */
    private static int read(RecallTableStore store, List<String> ids, SplittableRandom random, RecallTables check) {
        List<String> asked = new ArrayList<>(50);
        for (int i = 0; i < 50; i++) {
            asked.add(ids.get(random.nextInt(ids.size())));
        }
        Map<String, List<ScoredItem>> lists = store.neighbours("v1", RecallTables.COOCCURRENCE, asked);
        int entries = 0;
        for (Map.Entry<String, List<ScoredItem>> e : lists.entrySet()) {
            entries += e.getValue().size();
            if (check != null && !e.getValue()
                    .equals(check.neighbours(RecallTables.COOCCURRENCE)
                            .neighbours(e.getKey()))) {
                throw new IllegalStateException("list of " + e.getKey() + " did not read back exactly");
            }
        }
        return entries;
    }

    private static RecallTables tables(int items, int neighbours, int sources, SplittableRandom random) {
        String[] ids = new String[items];
        for (int i = 0; i < items; i++) {
            ids[i] = "item-" + i;
        }
        Map<String, NeighbourLists> tables = new LinkedHashMap<>();
        for (int s = 0; s < sources; s++) {
            Map<String, List<ScoredItem>> lists = new LinkedHashMap<>();
            for (int i = 0; i < items; i++) {
                ScoredItem[] list = new ScoredItem[Math.min(neighbours, items - 1)];
                float score = 1f;
                int first = random.nextInt(items);
                for (int k = 0; k < list.length; k++) {
                    // Consecutive ids from a random start, skipping the item itself: distinct, never its own.
                    int n = (first + k) % items;
                    n = n == i ? (first + list.length) % items : n;
                    score *= 0.5f + 0.5f * (float) random.nextDouble();
                    list[k] = new ScoredItem(ids[n], score);
                }
                lists.put(ids[i], List.of(list));
            }
            tables.put(s == 0 ? RecallTables.COOCCURRENCE : s == 1 ? RecallTables.EMBEDDING : "source" + s,
                    NeighbourLists.of(lists));
        }
        List<ScoredItem> global = new ArrayList<>();
        for (int i = 0; i < Math.min(500, items); i++) {
            global.add(new ScoredItem(ids[i], 1000.0 - i));
        }
        Map<String, List<ScoredItem>> categories = new LinkedHashMap<>();
        for (int c = 0; c < 20; c++) {
            categories.put("category-" + c, global.subList(0, Math.min(200, global.size())));
        }
        return new RecallTables(tables, ItemEmbeddings.empty(),
                new PopularityLists(0, Duration.ofDays(7), global, categories));
    }

    private static String info(RedisCommands redis, String field) {
        for (String line : redis.send(Request.cmd(Command.INFO)).toString().split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        return "?";
    }
}
