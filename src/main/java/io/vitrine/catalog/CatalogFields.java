package io.vitrine.catalog;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flat field encoding of items and user profiles inside their entity hashes. Catalog fields are plain names; online
 * statistics (the feature package's field names) use prefixes with a colon, so the two never clash. Absent optional
 * values are written as empty strings so that an upsert also clears a value that was removed.
 */
public final class CatalogFields {
    /** Marks a hash that holds a catalog entry (statistics alone may exist for items never imported). */
    public static final String ITEM_ID = "itemId";
    /** The fields an item upsert writes, in order. */
    public static final List<String> ITEM_FIELDS = List.of(ITEM_ID, "title", "category", "brand", "price",
            "currency", "inStock", "createdAt", "tags", "promoted", "blocked");
    /** The fields a user profile upsert writes. */
    public static final List<String> USER_FIELDS = List.of("profile.device", "profile.location", "profile.signupAt");
    private static final String TAG_SEPARATOR = "|";

    private CatalogFields() {
    }

    public static Map<String, String> itemToFields(Item item) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(ITEM_ID, item.itemId());
        f.put("title", nullToEmpty(item.title()));
        f.put("category", nullToEmpty(item.category()));
        f.put("brand", nullToEmpty(item.brand()));
        f.put("price", item.price() == null ? "" : Double.toString(item.price()));
        f.put("currency", nullToEmpty(item.currency()));
        f.put("inStock", Boolean.toString(item.inStock()));
        f.put("createdAt", item.createdAt() == null ? "" : item.createdAt().toString());
        f.put("tags", String.join(TAG_SEPARATOR, item.tags()));
        f.put("promoted", Boolean.toString(item.promoted()));
        f.put("blocked", Boolean.toString(item.blocked()));
        return f;
    }

    /** Reads an item back from its hash; empty when the hash holds statistics only (no catalog entry). */
    public static Optional<Item> itemFromFields(Map<String, String> f) {
        String id = f.get(ITEM_ID);
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        String price = f.getOrDefault("price", "");
        String created = f.getOrDefault("createdAt", "");
        String tags = f.getOrDefault("tags", "");
        return Optional.of(new Item(id, emptyToNull(f.get("title")), emptyToNull(f.get("category")),
                emptyToNull(f.get("brand")), price.isEmpty() ? null : Double.valueOf(price),
                emptyToNull(f.get("currency")), !"false".equals(f.get("inStock")),
                created.isEmpty() ? null : Instant.parse(created),
                tags.isEmpty() ? List.of() : Arrays.asList(tags.split("\\" + TAG_SEPARATOR)),
                "true".equals(f.get("promoted")), "true".equals(f.get("blocked"))));
    }

    public static Map<String, String> userToFields(UserProfile user) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("profile.device", nullToEmpty(user.device()));
        f.put("profile.location", nullToEmpty(user.location()));
        f.put("profile.signupAt", user.signupAt() == null ? "" : user.signupAt().toString());
        return f;
    }

    /** Reads a profile back; empty when no profile was ever written for the user. */
    public static Optional<UserProfile> userFromFields(String userId, Map<String, String> f) {
        if (!f.containsKey("profile.device")) {
            return Optional.empty();
        }
        String signup = f.getOrDefault("profile.signupAt", "");
        return Optional.of(new UserProfile(userId, emptyToNull(f.get("profile.device")),
                emptyToNull(f.get("profile.location")), signup.isEmpty() ? null : Instant.parse(signup)));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
