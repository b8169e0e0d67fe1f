package io.vitrine.port;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vitrine.catalog.Item;
import io.vitrine.catalog.NewArrivals;
import io.vitrine.catalog.UserProfile;
import io.vitrine.feature.ScoredItem;

/**
 * Where items and user profiles are kept. Implementations: Redis (serving) and in-memory (training replay, tests); both
 * pass {@code CatalogStoreContract}.
 */
public interface CatalogStore {

    /** Inserts or replaces items (all catalog fields; online statistics of the items are kept). */
    void upsertItems(List<Item> items);

    /** Inserts or replaces user profiles (behavioural features of the users are kept). */
    void upsertUsers(List<UserProfile> users);

    /** Reads the catalog entries of the given items in one round trip; unknown ids are absent from the map. */
    Map<String, Item> items(Collection<String> itemIds);

    /** Reads a user profile. */
    Optional<UserProfile> user(String userId);

    /**
     * The newest recommendable items (in stock, not blocked) listed at or after {@code since}, newest first, per scope,
     * in one round trip. Scopes: see {@link NewArrivals}; every requested scope is present in the result. Scores are
     * listing times in epoch milliseconds.
     */
    Map<String, List<ScoredItem>> newArrivals(List<String> scopes, Instant since, int limit);
}
