package io.vitrine.feature;

import java.util.Objects;

/**
 * The hash a feature field lives in: a user's or an item's.
 *
 * @param kind user or item
 * @param id the user or item id
 */
public record EntityRef(Kind kind, String id) {
    public EntityRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    public static EntityRef user(String userId) {
        return new EntityRef(Kind.USER, userId);
    }

    public static EntityRef item(String itemId) {
        return new EntityRef(Kind.ITEM, itemId);
    }

    /** The two kinds of entity hashes. */
    public enum Kind {
        USER,
        ITEM
    }
}
