package io.vitrine.wire;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vitrine.catalog.Item;
import io.vitrine.validation.Fields;

/**
 * An item as an admin sends it ({@code PUT /v1/items/{itemId}}, batch upsert, import files); loose types so every
 * invalid field is reported at once. {@link ItemValidator} turns it into an {@link Item}.
 *
 * @param itemId required (in the path for {@code PUT}; if also in the body the two must match)
 * @param title at most 512 characters; an empty string means absent (as for category and brand)
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
@Schema(name = "Item", description = "A catalog item. Texts have no control characters; an empty title, category or"
        + " brand means absent. Answers carry every field, null where the item has no value.")
public record ItemInput(
        @Schema(minLength = 1, maxLength = Fields.MAX_ID_LENGTH, description = "The item id: required in a batch;"
                + " for PUT it is the path's, and if also in the body the two must match",
                examples = "p-1001") String itemId,
        @Schema(nullable = true, maxLength = 512, examples = "Phone X 128 GB") String title,
        @Schema(nullable = true, maxLength = Fields.MAX_ID_LENGTH, examples = "phone") String category,
        @Schema(nullable = true, maxLength = Fields.MAX_ID_LENGTH, examples = "acme") String brand,
        @Schema(nullable = true, minimum = "0", maximum = "1000000000000", examples = "499.0") Double price,
        @Schema(nullable = true, pattern = "^[A-Z]{3}$", description = "ISO 4217 code",
                examples = "EUR") String currency,
        @Schema(defaultValue = "true", description = "Out-of-stock items are never recommended") Boolean inStock,
        @Schema(nullable = true, format = "date-time", description = "When the item was listed (RFC 3339, years 0000"
                + " to 9999); drives"
                + " new_arrivals and the freshness boost", examples = "2026-11-01T00:00:00Z") String createdAt,
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY,
                implementation = ItemValidator.TagSchema.class, maxItems = ItemValidator.MAX_TAGS,
                examples = "[\"5g\", \"dual-sim\"]") List<String> tags,
        @Schema(defaultValue = "false", description = "Boosted by the promotion rule") Boolean promoted,
        @Schema(defaultValue = "false", description = "Never recommended") Boolean blocked) {

    /** This input with its id replaced (the path id of {@code PUT /v1/items/{itemId}}). */
    public ItemInput withItemId(String id) {
        return new ItemInput(id, title, category, brand, price, currency, inStock, createdAt, tags, promoted,
                blocked);
    }

    /** The wire shape of an item, as an admin reads it back and an export writes it. */
    public static ItemInput of(Item item) {
        return new ItemInput(item.itemId(), item.title(), item.category(), item.brand(), item.price(), item.currency(),
                item.inStock(), item.createdAt() == null ? null : item.createdAt().toString(), item.tags(),
                item.promoted(), item.blocked());
    }
}
