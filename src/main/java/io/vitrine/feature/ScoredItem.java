package io.vitrine.feature;

/**
 * An item with a score (trending lists, recall candidates).
 *
 * @param itemId the item
 * @param score higher is better
 */
public record ScoredItem(String itemId, double score) {
}
