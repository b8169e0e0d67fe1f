package io.vitrine.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
}
