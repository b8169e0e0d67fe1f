package io.vitrine.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A catalog item.
 *
 * @param itemId unique id
 * @param title display title; may be null
 * @param category e.g. {@code phone}; may be null
 * @param brand may be null
 * @param price unit price, at least 0; may be null
 * @param currency ISO 4217 code; may be null
 * @param inStock whether it can be bought now (out-of-stock items are not recommended)
 * @param createdAt launch or listing time, for freshness; may be null
 * @param tags free labels; never null
 * @param promoted whether a promotion boost applies
 * @param blocked compliance block: never recommended
 */
public record Item(String itemId, String title, String category, String brand, Double price, String currency,
        boolean inStock, Instant createdAt, List<String> tags, boolean promoted, boolean blocked) {

    public Item {
        Objects.requireNonNull(itemId, "itemId");
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
