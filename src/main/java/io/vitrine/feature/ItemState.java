package io.vitrine.feature;

import java.util.Map;

/**
 * An item's stored hash (catalog and statistics) before interpretation ({@link ItemFeatures#of}).
 *
 * @param itemId the item
 * @param fields the item hash; empty for an unknown item
 */
public record ItemState(String itemId, Map<String, String> fields) {
    public ItemState {
        fields = Map.copyOf(fields);
    }
}
