package io.vitrine.recall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vitrine.catalog.Item;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.ScoredItem;
import io.vitrine.memory.InMemoryFeatureStore;

class NewArrivalsSourceTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final InMemoryFeatureStore catalog = new InMemoryFeatureStore(FeatureSettings.defaults());
    private final NewArrivalsSource source = new NewArrivalsSource(catalog::newArrivals, Duration.ofDays(30));

    NewArrivalsSourceTest() {
        catalog.upsertItems(List.of(item("phone-new", "phone", "zeta", 1), item("case-new", "case", "acme", 2),
                item("case-older", "case", "acme", 10), item("ancient", "case", "acme", 90)));
    }

    private static Item item(String id, String category, String brand, int daysOld) {
        return new Item(id, id, category, brand, 10.0, "EUR", true, NOW.minus(Duration.ofDays(daysOld)), List.of(),
                false, false);
    }

    private static RecallContext context(Map<String, Double> categories, Map<String, Double> brands,
            Set<String> exclude) {
        return new RecallContext("u", List.of(), Optional.empty(), categories, brands, exclude, NOW);
    }

    @Test
    void aColdUserGetsTheNewestItemsOfTheWindow() {
        List<ScoredItem> out = source.recall(context(Map.of(), Map.of(), Set.of()), 10);

        assertThat(out).extracting(ScoredItem::itemId).containsExactly("phone-new", "case-new", "case-older");
    }

    @Test
    void aUserWhoLikesCasesOfAcmeGetsThemFirstAndExclusionsHold() {
        List<ScoredItem> out = source.recall(context(Map.of("case", 5.0, "phone", 1.0), Map.of("acme", 3.0),
                Set.of("case-older")), 10);

        assertThat(out).extracting(ScoredItem::itemId).containsExactly("case-new", "phone-new");
    }
}
