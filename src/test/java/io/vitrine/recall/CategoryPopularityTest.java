package io.vitrine.recall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vitrine.feature.ScoredItem;

class CategoryPopularityTest {
    private static final long T0 = 1_780_000_000_000L;
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final Map<String, String> CATEGORIES = Map.of("p1", "phone", "p2", "phone", "p3", "phone",
            "c1", "case");

    @Test
    void decayedWeightAsOfTheLastInteraction() {
        CategoryPopularity popularity = new CategoryPopularity(Duration.ofDays(1), 2, CATEGORIES::get);
        // Not in time order on purpose: the end of the data is the latest time, T0 + 2 days.
        popularity.accept(new Interaction("u1", "p1", 4, T0)); // 4 * 1/4 = 1
        popularity.accept(new Interaction("u2", "p2", 1, T0 + 2 * DAY)); // 1
        popularity.accept(new Interaction("u1", "p1", 2, T0 + 2 * DAY)); // p1: 1 + 2 = 3
        popularity.accept(new Interaction("u3", "p3", 3, T0 + DAY)); // 3 * 1/2 = 1.5
        popularity.accept(new Interaction("u3", "c1", 8, T0 - DAY)); // 8 * 1/8 = 1
        popularity.accept(new Interaction("u4", "x9", 5, T0)); // no category: 5 * 1/4 = 1.25

        PopularityLists lists = popularity.build();

        assertThat(lists.asOfMillis()).isEqualTo(T0 + 2 * DAY);
        assertThat(lists.halfLife()).isEqualTo(Duration.ofDays(1));
        assertThat(lists.global()).containsExactly(new ScoredItem("p1", 3), new ScoredItem("p3", 1.5));
        assertThat(lists.category("phone")).containsExactly(new ScoredItem("p1", 3), new ScoredItem("p3", 1.5));
        assertThat(lists.category("case")).containsExactly(new ScoredItem("c1", 1));
        assertThat(lists.categories()).containsOnlyKeys("case", "phone");
        assertThat(lists.category("none")).isEmpty();
    }

    @Test
    void tiesGoByItemIdAndUncategorisedItemsAreGlobalOnly() {
        CategoryPopularity popularity = new CategoryPopularity(Duration.ofHours(6), 10, CATEGORIES::get);
        popularity.accept(new Interaction("u1", "p2", 1, T0));
        popularity.accept(new Interaction("u1", "x9", 1, T0));
        popularity.accept(new Interaction("u1", "p1", 1, T0));

        PopularityLists lists = popularity.build();

        assertThat(lists.global()).extracting(ScoredItem::itemId).containsExactly("p1", "p2", "x9");
        assertThat(lists.category("phone")).extracting(ScoredItem::itemId).containsExactly("p1", "p2");
    }

    @Test
    void staysFiniteOverManyHalfLives() {
        // 1100 half-lives apart: 2^1100 would overflow a forward-decay sum with a fixed landmark (and end as NaN);
        // the landmark moves instead.
        CategoryPopularity popularity = new CategoryPopularity(Duration.ofHours(1), 5, CATEGORIES::get);
        long hour = Duration.ofHours(1).toMillis();
        popularity.accept(new Interaction("u1", "p1", 1, T0));
        popularity.accept(new Interaction("u1", "p2", 1, T0 + 1100 * hour));
        popularity.accept(new Interaction("u1", "p3", 1, T0 + 1098 * hour));
        popularity.accept(new Interaction("u1", "p1", 1, T0 + 300 * hour));

        PopularityLists lists = popularity.build();

        assertThat(lists.global()).extracting(ScoredItem::itemId).containsExactly("p2", "p3", "p1");
        assertThat(lists.global().get(0).score()).isEqualTo(1.0);
        assertThat(lists.global().get(1).score()).isEqualTo(0.25);
        // 2^-800 from the second p1 interaction; the first (2^-1100) is below the smallest double.
        assertThat(lists.global().get(2).score()).isEqualTo(Math.pow(2, -800));
    }

    @Test
    void noInteractionsGiveEmptyLists() {
        PopularityLists lists = new CategoryPopularity(Duration.ofDays(1), 3, CATEGORIES::get).build();

        assertThat(lists.global()).isEmpty();
        assertThat(lists.categories()).isEmpty();
    }
}
