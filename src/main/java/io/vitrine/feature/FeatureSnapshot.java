package io.vitrine.feature;

import java.util.Map;

/**
 * What one batched read returns: a user and many items.
 *
 * @param user the user's state (empty when no user was asked for or the user is unknown)
 * @param items one state per requested item id, also for unknown items (empty fields)
 */
public record FeatureSnapshot(UserState user, Map<String, ItemState> items) {
    public FeatureSnapshot {
        items = Map.copyOf(items);
    }
}
