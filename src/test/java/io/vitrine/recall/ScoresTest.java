package io.vitrine.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.vitrine.feature.ScoredItem;

class ScoresTest {

    @Test
    void sumsLikeAMapAndListsTheBestByScoreThenId() {
        Random random = new Random(11);
        for (int round = 0; round < 100; round++) {
            // Each round borrows the table the round before gave back: a reused table must hold nothing of it.
            Scores scores = Scores.borrow(random.nextInt(20));
            Map<String, Double> reference = new LinkedHashMap<>();
            int adds = random.nextInt(3000);
            for (int i = 0; i < adds; i++) {
                String id = "item-" + random.nextInt(1500);
                // Few distinct values, so ties in score are common.
                double value = random.nextInt(5) / 4.0;
                if (random.nextInt(10) == 0) {
                    scores.put(id, value);
                    reference.put(id, value);
                } else {
                    scores.add(id, value);
                    reference.merge(id, value, Double::sum);
                }
            }
            int limit = random.nextInt(400);

            List<ScoredItem> expected = new ArrayList<>();
            reference.forEach((id, score) -> expected.add(new ScoredItem(id, score)));
            expected.sort(Comparator.comparingDouble(ScoredItem::score)
                    .reversed()
                    .thenComparing(ScoredItem::itemId));

            assertThat(scores.size()).isEqualTo(reference.size());
            assertThat(scores.top(limit)).isEqualTo(expected.subList(0, Math.min(limit, expected.size())));
            Map<String, Double> seen = new LinkedHashMap<>();
            scores.forEach(seen::put);
            assertThat(seen).isEqualTo(reference);
            // In the order the ids first came.
            assertThat(seen.keySet()).containsExactlyElementsOf(reference.keySet());
            scores.close();
        }
    }

    @Test
    void tablesHeldAtOnceAreDistinctAndATableClosedTwiceIsRefused() {
        try (Scores outer = Scores.borrow(4); Scores inner = Scores.borrow(4)) {
            outer.add("a", 1);
            inner.add("b", 2);
            assertThat(outer.get("b", -1)).isEqualTo(-1);
            assertThat(inner.get("a", -1)).isEqualTo(-1);
        }
        Scores table = Scores.borrow(4);
        table.close();
        assertThatThrownBy(table::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
    }
}
