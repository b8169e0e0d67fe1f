package io.vitrine.train;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vitrine.event.Event;
import io.vitrine.feature.ScoredItem;
import io.vitrine.recall.Ease;
import io.vitrine.recall.EaseSettings;
import io.vitrine.recall.InteractionMatrix;
import io.vitrine.recall.NeighbourLists;

/**
 * Measures EASE alone on the MovieLens 100K protocol of {@link MovieLens} (not a test: it prints numbers), to tune λ
 * and the neighbour count and to see what the truncated neighbour table loses against the full model:
 *
 * <ul>
 * <li>{@code full}: every user scored with the whole weight matrix over the whole training history;</li>
 * <li>{@code top-K, all history}: the sum of the user's items' top-K neighbour lists (what the table stores);</li>
 * <li>{@code top-K, 50 recent seeds}: the same, seeded as the item-to-item source seeds it (the 50 most recent items,
 * weighted {@code 2^(-age/30 days)}).</li>
 * </ul>
 *
 * Run with
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp target/test-classes:target/classes:$(cat cp.txt) io.vitrine.train.EaseMovieLensProbe \
 *     /work/shared/data/ml-100k [seed] [lambda,...] [K,...]
 * </pre>
 */
public final class EaseMovieLensProbe {
    /** Seedings measured: most recent items used, half-life of their weights in days (0: no decay). */
    private static final double[][] SEEDINGS = {{50, 30}, {50, 0}, {100, 0}, {200, 0}};

    private EaseMovieLensProbe() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/ml-100k");
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        double[] lambdas = parse(args.length > 2 ? args[2] : "50,100,250,500,1000");
        double[] ks = parse(args.length > 3 ? args[3] : "50,100,200");
        MovieLens data = MovieLens.load(dir, seed);
        InteractionMatrix.Builder builder = InteractionMatrix.builder();
        Map<String, List<Event>> history = new HashMap<>();
        long last = 0;
        for (Event e : data.train()) {
            builder.add(e.userId(), e.itemId(), 1);
            history.computeIfAbsent(e.userId(), u -> new ArrayList<>()).add(e);
            last = Math.max(last, e.timestamp().toEpochMilli());
        }
        InteractionMatrix matrix = builder.build();
        long now = last + 1;
        System.out.printf("MovieLens 100K, seed %d: %d users, %d items, %d training ratings%n", seed,
                matrix.userCount(), matrix.itemCount(), matrix.nonZeroCount());
        for (double lambda : lambdas) {
            Ease ease = new Ease(EaseSettings.defaults().withLambda(lambda).withMaxItems(100_000));
            Ease.Weights w = ease.weights(matrix);
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < w.items().length; i++) {
                index.put(w.items()[i], i);
            }
            TopKMetrics full = new TopKMetrics(10, data.items().size());
            for (Map.Entry<String, Set<String>> user : data.test().entrySet()) {
                Map<String, Double> scores = new HashMap<>();
                for (Event e : history.getOrDefault(user.getKey(), List.of())) {
                    double[] row = w.b()[index.get(e.itemId())];
                    for (int j = 0; j < row.length; j++) {
                        scores.merge(w.items()[j], row[j], Double::sum);
                    }
                }
                add(full, scores, data.exclude().getOrDefault(user.getKey(), Set.of()), user.getValue());
            }
            System.out.printf("lambda %6.0f  full EASE                 NDCG %.4f P %.4f R %.4f%n", lambda,
                    full.result().ndcg(), full.result().precision(), full.result().recall());
            for (double kk : ks) {
                NeighbourLists table = new Ease(ease.settings().withNeighbours((int) kk)).build(matrix);
                TopKMetrics all = new TopKMetrics(10, data.items().size());
                TopKMetrics[] recent = new TopKMetrics[SEEDINGS.length];
                for (int v = 0; v < recent.length; v++) {
                    recent[v] = new TopKMetrics(10, data.items().size());
                }
                for (Map.Entry<String, Set<String>> user : data.test().entrySet()) {
                    List<Event> events = new ArrayList<>(history.getOrDefault(user.getKey(), List.of()));
                    Set<String> exclude = data.exclude().getOrDefault(user.getKey(), Set.of());
                    Map<String, Double> scores = new HashMap<>();
                    for (Event e : events) {
                        for (ScoredItem n : table.neighbours(e.itemId())) {
                            scores.merge(n.itemId(), n.score(), Double::sum);
                        }
                    }
                    add(all, scores, exclude, user.getValue());
                    events.sort(Comparator.comparing(Event::timestamp).reversed());
                    for (int v = 0; v < SEEDINGS.length; v++) {
                        int maxSeeds = (int) SEEDINGS[v][0];
                        double halfLife = SEEDINGS[v][1] * Duration.ofDays(1).toMillis();
                        Map<String, Double> seeds = new LinkedHashMap<>();
                        for (Event e : events) {
                            if (seeds.size() >= maxSeeds) {
                                break;
                            }
                            double age = now - e.timestamp().toEpochMilli();
                            seeds.merge(e.itemId(), halfLife > 0 ? Math.pow(2, -age / halfLife) : 1, Math::max);
                        }
                        Map<String, Double> seeded = new HashMap<>();
                        seeds.forEach((item, weight) -> {
                            for (ScoredItem n : table.neighbours(item)) {
                                seeded.merge(n.itemId(), weight * n.score(), Double::sum);
                            }
                        });
                        add(recent[v], seeded, exclude, user.getValue());
                    }
                }
                System.out.printf("lambda %6.0f  top-%-4d all history      NDCG %.4f P %.4f R %.4f%n", lambda,
                        (int) kk, all.result().ndcg(), all.result().precision(), all.result().recall());
                for (int v = 0; v < recent.length; v++) {
                    System.out.printf("lambda %6.0f  top-%-4d %3d recent seeds, half-life %4.0f days  NDCG %.4f P %.4f"
                            + " R %.4f%n", lambda, (int) kk, (int) SEEDINGS[v][0], SEEDINGS[v][1],
                            recent[v].result().ndcg(), recent[v].result().precision(), recent[v].result().recall());
                }
            }
        }
    }

    private static void add(TopKMetrics metrics, Map<String, Double> scores, Set<String> exclude,
            Set<String> relevant) {
        List<String> list = scores.entrySet()
                .stream()
                .filter(e -> !exclude.contains(e.getKey()))
                .sorted(Map.Entry.<String, Double>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(10)
                .map(Map.Entry::getKey)
                .toList();
        List<String> categories = new ArrayList<>();
        list.forEach(id -> categories.add(null));
        metrics.add(list, categories, relevant);
    }

    private static double[] parse(String csv) {
        String[] parts = csv.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i].trim());
        }
        return out;
    }
}
