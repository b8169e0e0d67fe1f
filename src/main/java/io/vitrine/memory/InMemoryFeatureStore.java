package io.vitrine.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vitrine.catalog.CatalogFields;
import io.vitrine.catalog.Item;
import io.vitrine.catalog.NewArrivals;
import io.vitrine.catalog.UserProfile;
import io.vitrine.feature.EntityRef;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureSnapshot;
import io.vitrine.feature.FeatureUpdate;
import io.vitrine.feature.ForwardDecay;
import io.vitrine.feature.ItemState;
import io.vitrine.feature.RecentItem;
import io.vitrine.feature.RecentList;
import io.vitrine.feature.ScoredItem;
import io.vitrine.feature.TrendingLists;
import io.vitrine.feature.UserState;
import io.vitrine.port.CatalogStore;
import io.vitrine.port.FeatureStore;

/**
 * Feature and catalog store in memory, with the same hash-and-sorted-set model as the Redis store so that both pass the
 * same contract suites. The trainer replays history into it; it is thread-safe but not built for concurrency.
 */
public final class InMemoryFeatureStore implements FeatureStore, CatalogStore {
    private final FeatureSettings settings;
    private final Map<EntityRef, Map<String, String>> hashes = new HashMap<>();
    private final Map<String, Map<String, Double>> sortedSets = new HashMap<>();
    private final Map<String, Map<String, Double>> newArrivals = new HashMap<>();

    public InMemoryFeatureStore(FeatureSettings settings) {
        this.settings = settings;
    }

    @Override
    public synchronized void apply(List<FeatureUpdate> updates) {
        for (FeatureUpdate update : updates) {
            if (update instanceof FeatureUpdate.Increment inc) {
                hash(inc.entity()).merge(inc.field(), Double.toString(inc.delta()),
                        (old, d) -> Double.toString(Double.parseDouble(old) + inc.delta()));
            } else if (update instanceof FeatureUpdate.Maximum max) {
                hash(max.entity()).merge(max.field(), Double.toString(max.value()),
                        (old, v) -> Double.parseDouble(old) >= max.value() ? old : v);
            } else if (update instanceof FeatureUpdate.Put put) {
                hash(put.entity()).put(put.field(), put.value());
            } else if (update instanceof FeatureUpdate.Remove remove) {
                hash(remove.entity()).remove(remove.field());
            } else if (update instanceof FeatureUpdate.Remember r) {
                Map<String, Double> set = sortedSets.computeIfAbsent(recentKey(r.userId(), r.list()),
                        k -> new HashMap<>());
                set.merge(r.itemId(), (double) r.atMillis(), Math::max);
                trimToNewest(set, r.cap());
            } else if (update instanceof FeatureUpdate.Trend t) {
                sortedSets.computeIfAbsent(trendKey(t.scope(), t.generation()), k -> new HashMap<>())
                        .merge(t.itemId(), t.delta(), Double::sum);
            }
        }
    }

    @Override
    public synchronized FeatureSnapshot read(String userId, Collection<String> itemIds) {
        UserState user = userId == null
                ? UserState.empty("")
                : new UserState(userId, copy(EntityRef.user(userId)),
                        recent(userId, RecentList.INTERACTED), recent(userId, RecentList.PURCHASED));
        Map<String, ItemState> items = new LinkedHashMap<>();
        for (String id : itemIds) {
            items.put(id, new ItemState(id, copy(EntityRef.item(id))));
        }
        return new FeatureSnapshot(user, items);
    }

    @Override
    public synchronized Map<String, List<ScoredItem>> trending(List<String> scopes, int limit, Instant now) {
        Map<String, List<ScoredItem>> out = new LinkedHashMap<>();
        for (String scope : scopes) {
            out.put(scope, trendingOf(scope, limit, now));
        }
        return out;
    }

    private List<ScoredItem> trendingOf(String scope, int limit, Instant now) {
        ForwardDecay decay = settings.trendingDecay();
        Map<Integer, List<ScoredItem>> perGeneration = new HashMap<>();
        for (int generation : TrendingLists.liveGenerations(decay, now.toEpochMilli())) {
            Map<String, Double> set = sortedSets.getOrDefault(trendKey(scope, generation), Map.of());
            perGeneration.put(generation, set.entrySet()
                    .stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(limit)
                    .map(e -> new ScoredItem(e.getKey(), e.getValue()))
                    .toList());
        }
        return TrendingLists.merge(decay, now.toEpochMilli(), perGeneration, limit);
    }

    @Override
    public synchronized boolean eraseUser(String userId) {
        boolean existed = hashes.remove(EntityRef.user(userId)) != null;
        for (RecentList list : RecentList.values()) {
            existed |= sortedSets.remove(recentKey(userId, list)) != null;
        }
        return existed;
    }

    @Override
    public synchronized void upsertItems(List<Item> items) {
        for (Item item : items) {
            CatalogFields.itemFromFields(hashes.getOrDefault(EntityRef.item(item.itemId()), Map.of()))
                    .ifPresent(old -> NewArrivals.scopes(old)
                            .forEach(scope -> newArrivals
                                    .getOrDefault(scope, new HashMap<>())
                                    .remove(old.itemId())));
            hash(EntityRef.item(item.itemId())).putAll(CatalogFields.itemToFields(item));
            if (NewArrivals.listable(item)) {
                for (String scope : NewArrivals.scopes(item)) {
                    newArrivals.computeIfAbsent(scope, k -> new HashMap<>())
                            .put(item.itemId(),
                                    (double) item.createdAt().toEpochMilli());
                }
            }
        }
    }

    @Override
    public synchronized Map<String, List<ScoredItem>> newArrivals(List<String> scopes, Instant since, int limit) {
        Map<String, List<ScoredItem>> out = new LinkedHashMap<>();
        for (String scope : scopes) {
            out.put(scope, newArrivals.getOrDefault(scope, Map.of())
                    .entrySet()
                    .stream()
                    .filter(e -> e.getValue() >= since.toEpochMilli())
                    .map(e -> new ScoredItem(e.getKey(), e.getValue()))
                    .sorted(java.util.Comparator.comparingDouble(ScoredItem::score)
                            .reversed()
                            .thenComparing(ScoredItem::itemId, java.util.Comparator.reverseOrder()))
                    .limit(limit)
                    .toList());
        }
        return out;
    }

    @Override
    public synchronized void upsertUsers(List<UserProfile> users) {
        for (UserProfile user : users) {
            hash(EntityRef.user(user.userId())).putAll(CatalogFields.userToFields(user));
        }
    }

    @Override
    public synchronized Map<String, Item> items(Collection<String> itemIds) {
        Map<String, Item> out = new LinkedHashMap<>();
        for (String id : itemIds) {
            CatalogFields.itemFromFields(hashes.getOrDefault(EntityRef.item(id), Map.of()))
                    .ifPresent(item -> out.put(id, item));
        }
        return out;
    }

    @Override
    public synchronized Optional<UserProfile> user(String userId) {
        return CatalogFields.userFromFields(userId, hashes.getOrDefault(EntityRef.user(userId), Map.of()));
    }

    /**
     * The state that is not any user's, as rows {@code {kind, key, field, value}}: every field of every item hash
     * ({@code item, itemId, field, value}) and every score of the trending sets ({@code trend, setKey, itemId, score}).
     * With {@link #importItemState} it moves the item side of a replayed state between machines (the Spark trainer
     * replays users and items in different partitions); values travel as the exact text the store holds.
     */
    public synchronized void exportItemState(java.util.function.Consumer<String[]> sink) {
        hashes.forEach((ref, fields) -> {
            if (ref.kind() == EntityRef.Kind.ITEM) {
                fields.forEach((field, value) -> sink.accept(new String[]{ITEM_ROW, ref.id(), field, value}));
            }
        });
        sortedSets.forEach((key, set) -> {
            if (key.startsWith(TREND_PREFIX)) {
                set.forEach((item, score) -> sink.accept(new String[]{TREND_ROW, key, item, Double.toString(score)}));
            }
        });
    }

    /**
     * Sets item fields and trending scores from rows of {@link #exportItemState} (a row's value replaces what the store
     * holds for its field).
     */
    public synchronized void importItemState(Iterable<String[]> rows) {
        for (String[] row : rows) {
            if (ITEM_ROW.equals(row[0])) {
                hash(EntityRef.item(row[1])).put(row[2], row[3]);
            } else if (TREND_ROW.equals(row[0])) {
                sortedSets.computeIfAbsent(row[1], k -> new HashMap<>()).put(row[2], Double.parseDouble(row[3]));
            } else {
                throw new IllegalArgumentException("not an item state row: " + row[0]);
            }
        }
    }

    private static final String ITEM_ROW = "item";
    private static final String TREND_ROW = "trend";
    private static final String TREND_PREFIX = "trend\u0001";

    private Map<String, String> hash(EntityRef ref) {
        return hashes.computeIfAbsent(ref, k -> new HashMap<>());
    }

    private Map<String, String> copy(EntityRef ref) {
        return Map.copyOf(hashes.getOrDefault(ref, Map.of()));
    }

    private List<RecentItem> recent(String userId, RecentList list) {
        Map<String, Double> set = sortedSets.getOrDefault(recentKey(userId, list), Map.of());
        List<RecentItem> out = new ArrayList<>(set.size());
        set.forEach((id, at) -> out.add(new RecentItem(id, at.longValue())));
        out.sort(RECENT_FIRST);
        return out;
    }

    /** Newest first; ties broken by id descending, as Redis {@code ZREVRANGE} orders equal scores. */
    static final Comparator<RecentItem> RECENT_FIRST = Comparator.comparingLong(RecentItem::atMillis)
            .thenComparing(RecentItem::itemId)
            .reversed();

    private static void trimToNewest(Map<String, Double> set, int cap) {
        if (set.size() <= cap) {
            return;
        }
        List<RecentItem> all = new ArrayList<>(set.size());
        set.forEach((id, at) -> all.add(new RecentItem(id, at.longValue())));
        all.sort(RECENT_FIRST);
        all.subList(cap, all.size()).forEach(r -> set.remove(r.itemId()));
    }

    private static String recentKey(String userId, RecentList list) {
        return list + "\u0000" + userId;
    }

    private static String trendKey(String scope, int generation) {
        return TREND_PREFIX + scope + "\u0000" + generation;
    }
}
