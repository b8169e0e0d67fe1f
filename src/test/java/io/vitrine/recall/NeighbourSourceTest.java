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
        return new NeighbourSource("t", ids -> {
            Map<String, List<ScoredItem>> out = new LinkedHashMap<>();
            ids.forEach(id -> out.put(id, TABLE.neighbours(id)));
            return out;
        }, 10, halfLife);
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
}
