package io.vitrine.feature;

/**
 * An item in a user's recent list.
 *
 * @param itemId the item
 * @param atMillis the latest time the user touched it, epoch millis
 */
public record RecentItem(String itemId, long atMillis) {
}
