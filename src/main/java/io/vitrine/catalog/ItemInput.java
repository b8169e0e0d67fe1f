package io.vitrine.catalog;

import java.util.List;

/**
 * An item as an admin sends it ({@code PUT /v1/items/{itemId}}, batch upsert, import files); loose types so every
 * invalid field is reported at once. {@link ItemValidator} turns it into an {@link Item}.
 *
 * @param itemId required (in the path for {@code PUT}; if also in the body the two must match)
 * @param title at most 512 characters
 * @param category at most 128 characters
 * @param brand at most 128 characters
 * @param price at least 0
 * @param currency three upper-case letters (ISO 4217)
 * @param inStock defaults to true
 * @param createdAt ISO-8601 instant
 * @param tags at most 50, each at most 64 characters
 * @param promoted defaults to false
 * @param blocked defaults to false
 */
public record ItemInput(String itemId, String title, String category, String brand, Double price, String currency,
        Boolean inStock, String createdAt, List<String> tags, Boolean promoted, Boolean blocked) {

    /** This input with its id replaced (the path id of {@code PUT /v1/items/{itemId}}). */
    public ItemInput withItemId(String id) {
        return new ItemInput(id, title, category, brand, price, currency, inStock, createdAt, tags, promoted,
                blocked);
    }
}
