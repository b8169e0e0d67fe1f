package io.vitrine.port;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.vitrine.feature.FeatureFields;
import io.vitrine.feature.FeatureSnapshot;
import io.vitrine.feature.FeatureUpdate;
import io.vitrine.feature.FeatureUpdates;
import io.vitrine.feature.ScoredItem;

/**
 * Where online features live. Implementations: Redis (serving) and in-memory (training replay, tests); both pass
 * {@code FeatureStoreContract}. Reads and writes are batched: one call is one round trip.
 */
public interface FeatureStore {

    /**
     * Applies updates (typically {@link FeatureUpdates#coalesce coalesced}) in one round trip.
     *
     * @throws io.vitrine.port.StoreUnavailableException when the store cannot be reached
     */
    void apply(List<FeatureUpdate> updates);

    /**
     * Reads a user and many items in one round trip.
     *
     * @param userId the user, or null to read items only
     * @param itemIds the items; unknown ones come back with empty fields
     */
    FeatureSnapshot read(String userId, Collection<String> itemIds);

    /**
     * The top of a trending list as of {@code now}, best first.
     *
     * @param scope {@link FeatureFields#TREND_GLOBAL} or {@link FeatureFields#trendScope(String)} of a category
     */
    default List<ScoredItem> trending(String scope, int limit, Instant now) {
        return trending(List.of(scope), limit, now).get(scope);
    }

    /** The tops of several trending lists in one round trip, by scope (every requested scope is present). */
    Map<String, List<ScoredItem>> trending(List<String> scopes, int limit, Instant now);

    /**
     * Erases everything kept about a user: the profile and features and the lists of recent and purchased items, in one
     * round trip; afterwards the user reads as unknown. Item statistics and trending lists are aggregates and stay. The
     * event log is not touched (see the README on erasure).
     *
     * @return whether anything was kept about the user
     * @throws io.vitrine.port.StoreUnavailableException when the store cannot be reached
     */
    boolean eraseUser(String userId);
}
