package io.vitrine.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vitrine.feature.RecentItem;
import io.vitrine.feature.ScoredItem;

class NeighbourSourceTest {
    private static final Instant NOW = Instant.parse("2026-11-20T00:00:00Z");

    private static final NeighbourLists TABLE;

    static {
        Map<String, List<ScoredItem>> lists = new LinkedHashMap<>();
        lists.put("a", List.of(new ScoredItem("x", 0.5), new ScoredItem("y", 0.25)));
        lists.put("b", List.of(new ScoredItem("y", 0.5)));
        TABLE = NeighbourLists.of(lists);
    }

    private static RecallContext context() {
        // a is fresh, b one day old.
        return new RecallContext("u", List.of(new RecentItem("a", NOW.toEpochMilli()),
                new RecentItem("b", NOW.minus(Duration.ofDays(1)).toEpochMilli())), Optional.empty(), Map.of(),
                Map.of(), Set.of(), NOW);
    }

    private static NeighbourSource source(Duration halfLife) {
        return new NeighbourSource("t", TABLE, 10, halfLife);
    }

    @Test
    void seedsAreWeightedByRecency() {
        List<ScoredItem> out = source(Duration.ofDays(1)).recall(context(), 10);
        // x = 1 * 0.5; y = 1 * 0.25 + 0.5 * 0.5.
        assertThat(out).extracting(ScoredItem::itemId).containsExactly("x", "y");
        assertThat(out.get(1).score()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aZeroHalfLifeSumsTheHistoryUndecayed() {
        List<ScoredItem> out = source(Duration.ZERO).recall(context(), 10);
        // y = 0.25 + 0.5, x = 0.5: the plain sum of the seeds' rows, as EASE scores.
        assertThat(out).extracting(ScoredItem::itemId).containsExactly("y", "x");
        assertThat(out.get(0).score()).isCloseTo(0.75, within(1e-9));
        assertThatThrownBy(() -> source(Duration.ofDays(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The array-based sums equal the plain definition (a map of seeds in order, a map of sums, the best by score then
     * id), on random tables and histories with repeated items, unknown items, exclusions and an anchor; and a thread
     * that sums a small table after a large one sees no trace of it.
     */
    @Test
    void equalsThePlainDefinitionOnRandomTablesAndHistories() {
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 200; round++) {
            int items = 5 + random.nextInt(round % 2 == 0 ? 300 : 20);
            Map<String, List<ScoredItem>> lists = new LinkedHashMap<>();
            for (int i = 0; i < items; i++) {
                if (random.nextInt(5) == 0) {
                    continue;
                }
                List<ScoredItem> row = new java.util.ArrayList<>();
                double score = 1 + random.nextInt(4);
                for (int j = 0; j < items; j++) {
                    if (j != i && random.nextInt(4) == 0) {
                        // Repeated scores, so ties are broken by id; some neighbours have no list of their own.
                        score = Math.max(0.125, score - 0.125 * random.nextInt(2));
                        row.add(new ScoredItem("i" + (j + 1000) + (random.nextInt(7) == 0 ? "x" : ""), score));
                    }
                }
                lists.put("i" + (i + 1000), row);
            }
            NeighbourLists table = NeighbourLists.of(lists);
            List<RecentItem> history = new java.util.ArrayList<>();
            for (int h = random.nextInt(40); h > 0; h--) {
                String id = random.nextInt(10) == 0
                        ? "unknown" + random.nextInt(3)
                        : "i" + (1000 + random.nextInt(items));
                history.add(new RecentItem(id, NOW.minus(Duration.ofHours(random.nextInt(200))).toEpochMilli()));
            }
            Set<String> exclude = new java.util.HashSet<>();
            for (int e = random.nextInt(5); e > 0; e--) {
                exclude.add("i" + (1000 + random.nextInt(items)));
            }
            Optional<String> anchor = random.nextBoolean()
                    ? Optional.empty()
                    : Optional.of(random.nextInt(6) == 0 ? "unknown-anchor" : "i" + (1000 + random.nextInt(items)));
            RecallContext context = new RecallContext("u", history, anchor, Map.of(), Map.of(), exclude, NOW);
            Duration halfLife = random.nextBoolean() ? Duration.ZERO : Duration.ofDays(1 + random.nextInt(5));
            int maxSeeds = 1 + random.nextInt(30);
            int limit = 1 + random.nextInt(60);
            assertThat(new NeighbourSource("t", table, maxSeeds, halfLife).recall(context, limit))
                    .as("round %d", round)
                    .isEqualTo(plain(lists, context, maxSeeds, halfLife, limit));
        }
    }

    /** The definition, written the obvious way. */
    private static List<ScoredItem> plain(Map<String, List<ScoredItem>> lists, RecallContext context, int maxSeeds,
            Duration halfLife, int limit) {
        Map<String, Double> seeds = new LinkedHashMap<>();
        context.anchorItemId().ifPresent(anchor -> seeds.put(anchor, 2.0));
        for (RecentItem item : context.history()) {
            if (seeds.size() >= maxSeeds + (context.anchorItemId().isPresent() ? 1 : 0)) {
                break;
            }
            double age = Math.max(0, context.now().toEpochMilli() - item.atMillis());
            seeds.merge(item.itemId(), halfLife.isZero() ? 1 : Math.pow(2, -age / halfLife.toMillis()), Math::max);
        }
        Map<String, Double> sums = new LinkedHashMap<>();
        seeds.forEach((seed, weight) -> {
            for (ScoredItem n : lists.getOrDefault(seed, List.of())) {
                if (!context.exclude().contains(n.itemId()) && !seeds.containsKey(n.itemId())) {
                    sums.merge(n.itemId(), weight * (double) (float) n.score(), Double::sum);
                }
            }
        });
        return sums.entrySet()
                .stream()
                .map(e -> new ScoredItem(e.getKey(), e.getValue()))
                .sorted(Scores::compare)
                .limit(limit)
                .toList();
    }
}
