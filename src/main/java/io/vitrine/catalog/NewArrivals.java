package io.vitrine.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * The new-arrival lists every catalog store keeps: recommendable items by listing time, overall ({@link #GLOBAL}), per
 * category ({@code cat:<category>}) and per brand ({@code brand:<brand>}).
 */
public final class NewArrivals {
    /** The scope of all new arrivals. */
    public static final String GLOBAL = "global";

    private NewArrivals() {
    }

    /** The scope of a category's list. */
    public static String categoryScope(String category) {
        return "cat:" + category;
    }

    /** The scope of a brand's list. */
    public static String brandScope(String brand) {
        return "brand:" + brand;
    }

    /** The scopes an item is listed in: global, its category, its brand. */
    public static List<String> scopes(Item item) {
        List<String> scopes = new ArrayList<>(3);
        scopes.add(GLOBAL);
        if (item.category() != null) {
            scopes.add(categoryScope(item.category()));
        }
        if (item.brand() != null) {
            scopes.add(brandScope(item.brand()));
        }
        return scopes;
    }

    /** Whether an item belongs in the new-arrival lists at all: in stock, not blocked, with a listing time. */
    public static boolean listable(Item item) {
        return item.inStock() && !item.blocked() && item.createdAt() != null;
    }
}
