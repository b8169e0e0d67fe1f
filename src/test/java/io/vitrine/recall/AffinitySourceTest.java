package io.vitrine.recall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vitrine.catalog.Item;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.ItemFeatures;
import io.vitrine.feature.ScoredItem;
import io.vitrine.memory.InMemoryFeatureStore;

class AffinitySourceTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final InMemoryFeatureStore store = new InMemoryFeatureStore(FeatureSettings.defaults());

    AffinitySourceTest() {
        store.upsertItems(List.of(item("acme-cheap", "case", "acme", 15.0), item("acme-pricey", "case", "acme", 90.0),
                item("zeta-cheap", "case", "zeta", 14.0), item("acme-phone", "phone", "acme", 16.0)));
    }

    private static Item item(String id, String category, String brand, double price) {
        return new Item(id, id, category, brand, price, "EUR", true, null, List.of(), false, false);
    }

    private Map<String, ItemFeatures> features(Collection<String> ids) {
        Map<String, ItemFeatures> out = new LinkedHashMap<>();
        store.read(null, ids)
                .items()
                .forEach((id, s) -> out.put(id, ItemFeatures.of(s, NOW,
                        FeatureSettings.defaults())));
        return out;
    }

    private final Map<String, List<ScoredItem>> popularity = Map.of(
            "case", List.of(new ScoredItem("acme-pricey", 10), new ScoredItem("zeta-cheap", 8),
                    new ScoredItem("acme-cheap", 5)),
            "phone", List.of(new ScoredItem("acme-phone", 3)));

    private final AffinitySource source = new AffinitySource(
            (category, limit) -> popularity.getOrDefault(category.orElse(""), List.of()), (ids, now) -> features(ids));

    private static RecallContext context(PriceBand band) {
        return new RecallContext("u", List.of(), Optional.empty(), Map.of("case", 3.0), Map.of("acme", 1.0), Set.of(),
                NOW, band);
    }

    @Test
    void keepsFavouriteBrandsInsideThePriceBandOfFavouriteCategories() {
        List<ScoredItem> out = source.recall(context(PriceBand.of(4, 15, 2)), 10);

        // The band is 15 ± 4.5: the pricey case and the other brand are left out; the phone is not a favourite.
        assertThat(out).extracting(ScoredItem::itemId).containsExactly("acme-cheap");
        assertThat(source.recall(context(PriceBand.ANY), 10)).extracting(ScoredItem::itemId)
                .containsExactly("acme-pricey", "acme-cheap");
    }

    @Test
    void aUserWithoutAffinitiesGetsNothingFromThisSource() {
        RecallContext cold = new RecallContext("u", List.of(), Optional.empty(), Map.of(), Map.of(), Set.of(), NOW);

        assertThat(source.recall(cold, 10)).isEmpty();
    }
}
