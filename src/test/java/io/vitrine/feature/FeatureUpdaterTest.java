package io.vitrine.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vitrine.catalog.Item;
import io.vitrine.event.Event;
import io.vitrine.event.EventContext;
import io.vitrine.event.EventType;
import io.vitrine.memory.InMemoryFeatureStore;

class FeatureUpdaterTest {
    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
    private final FeatureUpdater updater = new FeatureUpdater(FeatureSettings.defaults());
    private final Item phone = new Item("p1", "P", "phone", "acme", 500.0, "EUR", true, null, List.of(), false,
            false);

    @Test
    void impressionsCountButCarryNoInterest() {
        List<FeatureUpdate> updates = updater.updatesFor(event(EventType.IMPRESSION), phone);

        assertThat(updates).noneMatch(u -> u instanceof FeatureUpdate.Remember || u instanceof FeatureUpdate.Trend);
        assertThat(updates).anyMatch(u -> u instanceof FeatureUpdate.Increment inc
                && inc.entity().equals(EntityRef.item("p1")) && inc.field().equals("n:impression"));
        assertThat(updates).noneMatch(u -> u instanceof FeatureUpdate.Increment inc
                && inc.field().startsWith(FeatureFields.CATEGORY));
    }

    @Test
    void purchaseUpdatesAffinityPriceRecentListsAndTrending() {
        List<FeatureUpdate> updates = updater.updatesFor(event(EventType.PURCHASE), phone);

        assertThat(updates).anyMatch(u -> u instanceof FeatureUpdate.Remember r && r.list() == RecentList.PURCHASED);
        assertThat(updates).anyMatch(u -> u instanceof FeatureUpdate.Remember r && r.list() == RecentList.INTERACTED);
        assertThat(updates).filteredOn(u -> u instanceof FeatureUpdate.Trend)
                .extracting(u -> ((FeatureUpdate.Trend) u)
                        .scope())
                .containsExactly("global", "cat:phone");
        assertThat(updates).anyMatch(u -> u instanceof FeatureUpdate.Increment inc
                && inc.field().equals(FeatureFields.PURCHASE_PRICE_SUM) && inc.delta() == 500.0);
        assertThat(updates).anyMatch(u -> u instanceof FeatureUpdate.Increment inc
                && inc.field().startsWith("cat:phone@"));
    }

    @Test
    void unknownItemsStillCountButHaveNoCategoryFeatures() {
        List<FeatureUpdate> updates = updater.updatesFor(event(EventType.CLICK), null);

        assertThat(updates).anyMatch(u -> u instanceof FeatureUpdate.Increment inc && inc.field().equals("n:click"));
        assertThat(updates).noneMatch(u -> u instanceof FeatureUpdate.Increment inc
                && (inc.field().startsWith("cat:") || inc.field().startsWith("brand:")));
    }

    @Test
    void coalescingPreservesTheEffectOfABatch() {
        InMemoryFeatureStore oneByOne = new InMemoryFeatureStore(FeatureSettings.defaults());
        InMemoryFeatureStore coalesced = new InMemoryFeatureStore(FeatureSettings.defaults());
        List<FeatureUpdate> all = new java.util.ArrayList<>();
        for (EventType type : List.of(EventType.VIEW, EventType.CLICK, EventType.PURCHASE, EventType.CLICK)) {
            List<FeatureUpdate> updates = updater.updatesFor(event(type), phone);
            oneByOne.apply(updates);
            all.addAll(updates);
        }
        List<FeatureUpdate> merged = FeatureUpdates.coalesce(all);
        coalesced.apply(merged);

        assertThat(merged.size()).isLessThan(all.size());
        assertThat(coalesced.read("u1", List.of("p1"))).isEqualTo(oneByOne.read("u1", List.of("p1")));
    }

    private static Event event(EventType type) {
        return new Event("e-" + type, "u1", type, "p1", T, null, null, null, null, new EventContext("ios", null,
                null, null));
    }
}
