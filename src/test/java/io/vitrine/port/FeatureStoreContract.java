package io.vitrine.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vitrine.catalog.Item;
import io.vitrine.event.Event;
import io.vitrine.event.EventContext;
import io.vitrine.event.EventType;
import io.vitrine.feature.EntityRef;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureSnapshot;
import io.vitrine.feature.FeatureUpdate;
import io.vitrine.feature.FeatureUpdater;
import io.vitrine.feature.FeatureUpdates;
import io.vitrine.feature.ForwardDecay;
import io.vitrine.feature.ItemFeatures;
import io.vitrine.feature.RecentItem;
import io.vitrine.feature.RecentList;
import io.vitrine.feature.ScoredItem;
import io.vitrine.feature.UserFeatures;
import io.vitrine.feature.UserState;

/**
 * The behaviour every {@link FeatureStore} must have. Subclasses provide a fresh, isolated store (which is also the
 * {@link CatalogStore} of the same items, since catalog and statistics share the item hash).
 */
public abstract class FeatureStoreContract {
    protected static final FeatureSettings SETTINGS = FeatureSettings.defaults();
    private static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");

    private FeatureStore store;
    private CatalogStore catalog;

    /** A fresh store with nothing in it; both views must share state. */
    protected abstract FeatureStore newStore();

    /** The catalog view of the store returned by the last {@link #newStore()}. */
    protected abstract CatalogStore catalogOf(FeatureStore store);

    @BeforeEach
    void freshStore() {
        store = newStore();
        catalog = catalogOf(store);
    }

    @Test
    void unknownUserAndItemsReadAsEmptyState() {
        FeatureSnapshot snapshot = store.read("nobody", List.of("i1", "i2"));

        assertThat(snapshot.user().fields()).isEmpty();
        assertThat(snapshot.user().interacted()).isEmpty();
        assertThat(snapshot.items()).containsOnlyKeys("i1", "i2");
        assertThat(snapshot.items().get("i1").fields()).isEmpty();
    }

    @Test
    void appliesIncrementsMaximaPutsAndRemoves() {
        EntityRef user = EntityRef.user("u1");
        store.apply(List.of(
                new FeatureUpdate.Increment(user, "n:click", 1),
                new FeatureUpdate.Increment(user, "n:click", 2.5),
                new FeatureUpdate.Maximum(user, "ts:last", 2000),
                new FeatureUpdate.Maximum(user, "ts:last", 1000),
                new FeatureUpdate.Put(user, "ctx:device", "ios"),
                new FeatureUpdate.Increment(user, "gone", 1),
                new FeatureUpdate.Remove(user, "gone")));

        Map<String, String> fields = store.read("u1", List.of()).user().fields();
        assertThat(Double.parseDouble(fields.get("n:click"))).isEqualTo(3.5);
        assertThat(Double.parseDouble(fields.get("ts:last"))).isEqualTo(2000);
        assertThat(fields.get("ctx:device")).isEqualTo("ios");
        assertThat(fields).doesNotContainKey("gone");
    }

    @Test
    void recentListKeepsLatestTimePerItemNewestFirstUpToCap() {
        store.apply(List.of(
                new FeatureUpdate.Remember("u1", RecentList.INTERACTED, "a", 100, 3),
                new FeatureUpdate.Remember("u1", RecentList.INTERACTED, "b", 300, 3),
                new FeatureUpdate.Remember("u1", RecentList.INTERACTED, "a", 50, 3),
                new FeatureUpdate.Remember("u1", RecentList.INTERACTED, "c", 200, 3),
                new FeatureUpdate.Remember("u1", RecentList.INTERACTED, "d", 400, 3),
                new FeatureUpdate.Remember("u1", RecentList.PURCHASED, "b", 300, 3)));

        UserState user = store.read("u1", List.of()).user();
        assertThat(user.interacted()).containsExactly(new RecentItem("d", 400), new RecentItem("b", 300),
                new RecentItem("c", 200));
        assertThat(user.purchased()).containsExactly(new RecentItem("b", 300));
    }

    @Test
    void trendingMergesGenerationsAndDecaysToNow() {
        ForwardDecay decay = SETTINGS.trendingDecay();
        long at = T0.toEpochMilli();
        int generation = decay.generation(at);
        Duration retention = decay.retention();
        store.apply(List.of(
                new FeatureUpdate.Trend("global", generation, "x", decay.contribution(4, at), retention),
                new FeatureUpdate.Trend("global", generation, "y", decay.contribution(1, at), retention),
                new FeatureUpdate.Trend("global", generation, "x", decay.contribution(2, at), retention),
                new FeatureUpdate.Trend("cat:phone", generation, "z", decay.contribution(1, at), retention)));

        List<ScoredItem> top = store.trending("global", 10, T0.plus(SETTINGS.trendingHalfLife()));

        assertThat(top).extracting(ScoredItem::itemId).containsExactly("x", "y");
        assertThat(top.get(0).score()).isCloseTo(3.0, within(1e-9));
        assertThat(top.get(1).score()).isCloseTo(0.5, within(1e-9));
        assertThat(store.trending("global", 1, T0)).hasSize(1);
        assertThat(store.trending("cat:phone", 10, T0)).extracting(ScoredItem::itemId).containsExactly("z");
        Map<String, List<ScoredItem>> both = store.trending(List.of("global", "cat:phone", "cat:none"), 10, T0);
        assertThat(both).containsOnlyKeys("global", "cat:phone", "cat:none");
        assertThat(both.get("global")).isEqualTo(store.trending("global", 10, T0));
        assertThat(both.get("cat:none")).isEmpty();
    }

    @Test
    void eventFeaturesReadBackAsDefinedAndDecay() {
        catalog.upsertItems(List.of(item("p1", "phone", "acme", 500.0), item("c1", "case", "acme", 20.0)));
        FeatureUpdater updater = new FeatureUpdater(SETTINGS);
        Map<String, Item> items = catalog.items(List.of("p1", "c1"));
        List<FeatureUpdate> updates = new ArrayList<>();
        updates.addAll(updater.updatesFor(event("e1", "u1", EventType.VIEW, "p1", T0), items.get("p1")));
        updates.addAll(updater.updatesFor(event("e2", "u1", EventType.PURCHASE, "p1", T0.plusSeconds(60)),
                items.get("p1")));
        updates.addAll(updater.updatesFor(event("e3", "u1", EventType.PURCHASE, "c1", T0.plusSeconds(120)),
                items.get("c1")));
        updates.addAll(updater.updatesFor(event("e4", "u2", EventType.IMPRESSION, "p1", T0), items.get("p1")));
        store.apply(FeatureUpdates.coalesce(updates));

        Instant now = T0.plusSeconds(120).plus(SETTINGS.affinityHalfLife());
        FeatureSnapshot snapshot = store.read("u1", List.of("p1", "c1"));
        UserFeatures user = UserFeatures.of(snapshot.user(), now, SETTINGS);
        assertThat(user.count(EventType.PURCHASE)).isEqualTo(2);
        assertThat(user.count(EventType.VIEW)).isEqualTo(1);
        assertThat(user.purchaseCount()).isEqualTo(2);
        assertThat(user.meanPurchasePrice()).isCloseTo(260.0, within(1e-9));
        assertThat(user.purchasePriceStd()).isCloseTo(Math.sqrt(2 * 240.0 * 240.0), within(1e-6));
        assertThat(user.interacted()).extracting(RecentItem::itemId).containsExactly("c1", "p1");
        assertThat(user.purchased()).extracting(RecentItem::itemId).containsExactly("c1", "p1");
        assertThat(user.lastActivity()).contains(T0.plusSeconds(120));
        // view (1) + purchase (8) of the phone, one half-life (plus up to two minutes) ago: about 4.5.
        assertThat(user.categoryAffinity().get("phone")).isCloseTo(4.5, within(0.01));
        assertThat(user.brandAffinity().get("acme")).isCloseTo(8.5, within(0.01));
        // One purchase per category, each one half-life ago.
        assertThat(user.purchaseCategoryAffinity().get("phone")).isCloseTo(0.5, within(0.01));
        assertThat(user.purchaseCategoryAffinity().get("case")).isCloseTo(0.5, within(0.01));
        assertThat(user.purchaseBrandAffinity().get("acme")).isCloseTo(1.0, within(0.01));

        ItemFeatures phone = ItemFeatures.of(snapshot.items().get("p1"), now, SETTINGS);
        assertThat(phone.item()).isPresent();
        assertThat(phone.count(EventType.IMPRESSION)).isEqualTo(1);
        assertThat(phone.count(EventType.PURCHASE)).isEqualTo(1);
        assertThat(phone.smoothedCtr()).isCloseTo((0 + 0.05 * 20) / (1 + 20), within(1e-12));
        assertThat(store.trending("cat:phone", 5, now)).extracting(ScoredItem::itemId).containsExactly("p1");
    }

    @Test
    void applyingEventsInAnyOrderGivesTheSameFeatures() {
        catalog.upsertItems(List.of(item("p1", "phone", "acme", 500.0), item("p2", "phone", "zeta", 300.0),
                item("c1", "case", "acme", 20.0)));
        Map<String, Item> items = catalog.items(List.of("p1", "p2", "c1"));
        List<Event> events = new ArrayList<>();
        Random random = new Random(7);
        EventType[] types = {EventType.VIEW, EventType.CLICK, EventType.ADD_TO_CART, EventType.PURCHASE};
        for (int i = 0; i < 40; i++) {
            String itemId = List.of("p1", "p2", "c1").get(random.nextInt(3));
            events.add(event("e" + i, "u" + (i % 3), types[random.nextInt(types.length)], itemId,
                    T0.plusSeconds(random.nextInt(100_000))));
        }
        FeatureUpdater updater = new FeatureUpdater(SETTINGS);
        FeatureStore inOrder = store;
        FeatureStore shuffledStore = newStore();
        catalogOf(shuffledStore).upsertItems(List.copyOf(items.values()));
        List<Event> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(11));
        for (Event e : events) {
            inOrder.apply(updater.updatesFor(e, items.get(e.itemId())));
        }
        List<FeatureUpdate> all = new ArrayList<>();
        for (Event e : shuffled) {
            all.addAll(updater.updatesFor(e, items.get(e.itemId())));
        }
        shuffledStore.apply(FeatureUpdates.coalesce(all));

        Instant now = T0.plus(Duration.ofDays(2));
        for (String userId : List.of("u0", "u1", "u2")) {
            UserFeatures a = UserFeatures.of(inOrder.read(userId, List.of()).user(), now, SETTINGS);
            UserFeatures b = UserFeatures.of(shuffledStore.read(userId, List.of()).user(), now, SETTINGS);
            assertThat(b.counts()).isEqualTo(a.counts());
            assertThat(b.interacted()).isEqualTo(a.interacted());
            assertThat(b.lastActivity()).isEqualTo(a.lastActivity());
            a.categoryAffinity()
                    .forEach((k, v) -> assertThat(b.categoryAffinity().get(k)).isCloseTo(v,
                            within(1e-9 * Math.max(1, v))));
        }
        assertThat(shuffledStore.trending("global", 3, now)).extracting(ScoredItem::itemId)
                .isEqualTo(inOrder.trending("global", 3, now).stream().map(ScoredItem::itemId).toList());
    }

    @Test
    void catalogUpsertKeepsStatisticsAndStatisticsAloneAreNoCatalogEntry() {
        store.apply(List.of(new FeatureUpdate.Increment(EntityRef.item("p1"), "n:click", 3),
                new FeatureUpdate.Increment(EntityRef.item("ghost"), "n:click", 1)));
        Item phone = new Item("p1", "Phone One", "phone", "acme", 499.5, "EUR", true,
                Instant.parse("2026-01-01T00:00:00Z"), List.of("5g", "dual-sim"), true, false);
        catalog.upsertItems(List.of(phone));
        catalog.upsertItems(List.of(new Item("p1", "Phone One", "phone", "acme", 450.0, "EUR", false,
                Instant.parse("2026-01-01T00:00:00Z"), List.of(), false, true)));

        Map<String, Item> items = catalog.items(List.of("p1", "ghost", "missing"));
        assertThat(items).containsOnlyKeys("p1");
        assertThat(items.get("p1").price()).isEqualTo(450.0);
        assertThat(items.get("p1").tags()).isEmpty();
        assertThat(items.get("p1").blocked()).isTrue();
        assertThat(items.get("p1").inStock()).isFalse();
        ItemFeatures features = ItemFeatures.of(store.read(null, List.of("p1")).items().get("p1"), T0, SETTINGS);
        assertThat(features.count(EventType.CLICK)).isEqualTo(3);
        assertThat(features.item()).contains(items.get("p1"));
    }

    @Test
    void userProfilesRoundTripBesideBehaviour() {
        store.apply(List.of(new FeatureUpdate.Increment(EntityRef.user("u9"), "n:view", 1)));
        catalog.upsertUsers(List.of(new io.vitrine.catalog.UserProfile("u9", "android", "CH",
                Instant.parse("2025-05-05T00:00:00Z"))));

        assertThat(catalog.user("u9")).hasValueSatisfying(p -> {
            assertThat(p.device()).isEqualTo("android");
            assertThat(p.location()).isEqualTo("CH");
        });
        assertThat(catalog.user("nobody")).isEmpty();
        UserFeatures features = UserFeatures.of(store.read("u9", List.of()).user(), T0, SETTINGS);
        assertThat(features.count(EventType.VIEW)).isEqualTo(1);
        assertThat(features.device()).isEqualTo("android");
    }

    @Test
    void erasingAUserRemovesProfileFeaturesAndItemListsAndNothingElse() {
        // The other user's id looks like one of the erased user's keys: erasure must not reach it.
        String other = "u1}:recent";
        catalog.upsertItems(List.of(item("p1", "phone", "acme", 500.0)));
        Item phone = catalog.items(List.of("p1")).get("p1");
        FeatureUpdater updater = new FeatureUpdater(SETTINGS);
        List<FeatureUpdate> updates = new ArrayList<>();
        for (String user : List.of("u1", other)) {
            updates.addAll(updater.updatesFor(event("v-" + user, user, EventType.VIEW, "p1", T0), phone));
            updates.addAll(updater.updatesFor(event("b-" + user, user, EventType.PURCHASE, "p1", T0.plusSeconds(1)),
                    phone));
        }
        store.apply(FeatureUpdates.coalesce(updates));
        catalog.upsertUsers(List.of(new io.vitrine.catalog.UserProfile("u1", "ios", "CH", null),
                new io.vitrine.catalog.UserProfile(other, "android", "DE", null)));
        Map<String, String> itemBefore = store.read(null, List.of("p1")).items().get("p1").fields();
        List<ScoredItem> trendingBefore = store.trending("global", 10, T0);

        assertThat(store.eraseUser("u1")).isTrue();

        UserState erased = store.read("u1", List.of()).user();
        assertThat(erased.fields()).isEmpty();
        assertThat(erased.interacted()).isEmpty();
        assertThat(erased.purchased()).isEmpty();
        assertThat(catalog.user("u1")).isEmpty();
        UserState kept = store.read(other, List.of()).user();
        assertThat(kept.fields()).isNotEmpty();
        assertThat(kept.purchased()).extracting(RecentItem::itemId).containsExactly("p1");
        assertThat(catalog.user(other)).isPresent();
        assertThat(store.read(null, List.of("p1")).items().get("p1").fields()).isEqualTo(itemBefore);
        assertThat(store.trending("global", 10, T0)).isEqualTo(trendingBefore);
        assertThat(store.eraseUser("u1")).as("nothing left to erase").isFalse();
        assertThat(store.eraseUser("nobody")).isFalse();
    }

    @Test
    void newArrivalsListRecommendableItemsNewestFirstPerScope() {
        Instant day = T0;
        catalog.upsertItems(List.of(
                listed("old", "phone", "acme", T0.minus(Duration.ofDays(60)), true, false),
                listed("new1", "phone", "acme", T0.minus(Duration.ofDays(3)), true, false),
                listed("new2", "case", "acme", T0.minus(Duration.ofDays(1)), true, false),
                listed("gone", "phone", "zeta", T0.minus(Duration.ofDays(2)), false, false),
                listed("banned", "phone", "zeta", T0.minus(Duration.ofDays(2)), true, true)));

        Map<String, List<ScoredItem>> lists = catalog.newArrivals(List.of("global", "cat:phone", "brand:acme",
                "brand:zeta"), T0.minus(Duration.ofDays(30)), 10);

        assertThat(lists.get("global")).extracting(ScoredItem::itemId).containsExactly("new2", "new1");
        assertThat(lists.get("cat:phone")).extracting(ScoredItem::itemId).containsExactly("new1");
        assertThat(lists.get("brand:acme")).extracting(ScoredItem::itemId).containsExactly("new2", "new1");
        assertThat(lists.get("brand:zeta")).isEmpty();
        assertThat(lists.get("global").get(0).score()).isEqualTo((double) T0.minus(Duration.ofDays(1))
                .toEpochMilli());

        // Moving an item to another category, or out of stock, takes it off the old lists.
        catalog.upsertItems(List.of(listed("new1", "case", "acme", T0.minus(Duration.ofDays(3)), true, false),
                listed("new2", "case", "acme", T0.minus(Duration.ofDays(1)), false, false)));
        Map<String, List<ScoredItem>> after = catalog.newArrivals(List.of("cat:phone", "cat:case"),
                T0.minus(Duration.ofDays(30)), 10);
        assertThat(after.get("cat:phone")).isEmpty();
        assertThat(after.get("cat:case")).extracting(ScoredItem::itemId).containsExactly("new1");
        assertThat(catalog.newArrivals(List.of("global"), day, 10).get("global")).isEmpty();
    }

    private static Item listed(String id, String category, String brand, Instant created, boolean inStock,
            boolean blocked) {
        return new Item(id, id, category, brand, 10.0, "EUR", inStock, created, List.of(), false, blocked);
    }

    static Item item(String id, String category, String brand, Double price) {
        return new Item(id, id, category, brand, price, "EUR", true, Instant.parse("2026-01-01T00:00:00Z"),
                List.of(), false, false);
    }

    static Event event(String id, String user, EventType type, String item, Instant at) {
        return new Event(id, user, type, item, at, null, null, null, null, EventContext.EMPTY);
    }
}
