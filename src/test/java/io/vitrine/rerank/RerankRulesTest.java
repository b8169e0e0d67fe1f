package io.vitrine.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RerankRulesTest {

    private static RankedItem item(String id, double score, String category, String brand) {
        return new RankedItem(id, score, category, brand, 100, false, 1000, List.of("item_cf"), List.of());
    }

    private static List<String> ids(List<RankedItem> items) {
        return items.stream().map(RankedItem::itemId).toList();
    }

    @Test
    void diversityLimitsCategoriesAndBrandsInTheWindowAndDefersTheRest() {
        List<RankedItem> ranked = List.of(item("p1", 0.9, "phone", "a"), item("p2", 0.8, "phone", "b"),
                item("p3", 0.7, "phone", "c"), item("c1", 0.6, "case", "a"), item("c2", 0.5, "case", "a"),
                item("e1", 0.4, "earbuds", "d"));

        List<RankedItem> out = new DiversityRule(2, 2, 4).apply(ranked, 0);

        assertThat(ids(out)).containsExactly("p1", "p2", "c1", "e1", "p3", "c2");
        assertThat(out.get(4).rules()).containsExactly("diversity");
        assertThat(out.get(0).rules()).isEmpty();
    }

    @Test
    void aWindowShortOfItemsRelaxesTheBrandLimitBeforeTheCategoryLimit() {
        // p1 takes phone and brand a; c1 (brand a) and p2 (phone) cannot join within both limits. Filling the window,
        // c1 keeps the category limit, p2 would break it, so c1 comes first although p2 scores higher.
        List<RankedItem> ranked = List.of(item("p1", 0.9, "phone", "a"), item("p2", 0.8, "phone", "b"),
                item("c1", 0.7, "case", "a"));

        assertThat(ids(new DiversityRule(1, 1, 2).apply(ranked, 0))).containsExactly("p1", "c1", "p2");
    }

    @Test
    void diversityFillsTheWindowWhenTheLimitsCannotBeMet() {
        List<RankedItem> ranked = List.of(item("p1", 0.9, "phone", "a"), item("p2", 0.8, "phone", "b"),
                item("p3", 0.7, "phone", "c"));

        assertThat(ids(new DiversityRule(1, 9, 3).apply(ranked, 0))).containsExactly("p1", "p2", "p3");
    }

    @Test
    void freshnessLiftsNewItemsFadingWithAge() {
        RankedItem old = item("old", 0.50, "case", "a");
        RankedItem brandNew = new RankedItem("new", 0.40, "case", "a", 0, false, 0, List.of(), List.of());
        RankedItem weekOld = new RankedItem("week", 0.40, "case", "a", 7, false, 0, List.of(), List.of());

        List<RankedItem> out = BoostRule.freshness(14, 0.3).apply(List.of(old, brandNew, weekOld), 0);

        assertThat(ids(out)).containsExactly("new", "old", "week");
        assertThat(out.get(0).score()).isCloseTo(0.52, within(1e-12));
        assertThat(out.get(2).score()).isCloseTo(0.46, within(1e-12));
        assertThat(out.get(0).rules()).containsExactly("freshness");
        assertThat(out.get(1).rules()).isEmpty();
    }

    @Test
    void promotionLiftsPromotedItems() {
        RankedItem promoted = new RankedItem("promo", 0.45, "case", "a", 100, true, 0, List.of(), List.of());

        List<RankedItem> out = BoostRule.promotion(0.2).apply(List.of(item("x", 0.5, "case", "b"), promoted), 0);

        assertThat(ids(out)).containsExactly("promo", "x");
        assertThat(out.get(0).score()).isCloseTo(0.54, within(1e-12));
    }

    @Test
    void explorationGivesAWindowSlotToTheLeastShownCandidateReproduciblyPerSeed() {
        List<RankedItem> ranked = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ranked.add(new RankedItem("i" + i, 1.0 - i / 100.0, "c", "b", 100, false, i == 15 ? 2 : 500, List.of(),
                    List.of()));
        }

        List<RankedItem> explored = new ExplorationRule(1.0, 10).apply(ranked, 42);
        List<RankedItem> again = new ExplorationRule(1.0, 10).apply(ranked, 42);

        assertThat(ids(explored.subList(0, 10))).contains("i15");
        assertThat(explored).hasSize(20);
        assertThat(ids(explored)).doesNotHaveDuplicates().isEqualTo(ids(again));
        assertThat(explored.stream().filter(r -> r.itemId().equals("i15")).findFirst().orElseThrow().rules())
                .containsExactly("exploration");
        assertThat(new ExplorationRule(0.0, 10).apply(ranked, 42)).isEqualTo(ranked);
        int explorations = 0;
        for (long seed = 0; seed < 1000; seed++) {
            if (ids(new ExplorationRule(0.1, 10).apply(ranked, seed).subList(0, 10)).contains("i15")) {
                explorations++;
            }
        }
        assertThat(explorations).isBetween(70, 130);
    }
}
