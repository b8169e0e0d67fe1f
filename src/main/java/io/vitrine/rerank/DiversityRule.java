package io.vitrine.rerank;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * At most {@code maxPerCategory} items of a category and {@code maxPerBrand} of a brand among the first {@code window}
 * slots. Greedy: walk the list by score and take an item if it keeps the limits, else defer it; when the window cannot
 * be filled within the limits, deferred items fill it: first those within the category limit, then any, in score order
 * (a short list beats an empty slot). Items without category or brand are not limited by it.
 */
public final class DiversityRule implements RerankRule {
    private final int maxPerCategory;
    private final int maxPerBrand;
    private final int window;

    public DiversityRule(int maxPerCategory, int maxPerBrand, int window) {
        if (maxPerCategory < 1 || maxPerBrand < 1 || window < 1) {
            throw new IllegalArgumentException("diversity limits and window must be at least 1");
        }
        this.maxPerCategory = maxPerCategory;
        this.maxPerBrand = maxPerBrand;
        this.window = window;
    }

    @Override
    public String name() {
        return "diversity";
    }

    @Override
    public List<RankedItem> apply(List<RankedItem> ranked, long seed) {
        List<RankedItem> head = new ArrayList<>();
        List<RankedItem> deferred = new ArrayList<>();
        Map<String, Integer> categories = new HashMap<>();
        Map<String, Integer> brands = new HashMap<>();
        int i = 0;
        for (; i < ranked.size() && head.size() < window; i++) {
            RankedItem item = ranked.get(i);
            if (fits(categories, item.category(), maxPerCategory) && fits(brands, item.brand(), maxPerBrand)) {
                count(categories, item.category());
                count(brands, item.brand());
                head.add(item);
            } else {
                deferred.add(item.movedBy(name()));
            }
        }
        // The window could not be filled within both limits: relax the brand limit first (keeping the category
        // limit), and only then take deferred items in score order.
        for (int pass = 0; pass < 2 && head.size() < window; pass++) {
            for (var it = deferred.iterator(); it.hasNext() && head.size() < window;) {
                RankedItem item = it.next();
                if (pass == 1 || fits(categories, item.category(), maxPerCategory)) {
                    count(categories, item.category());
                    head.add(item);
                    it.remove();
                }
            }
        }
        List<RankedItem> out = new ArrayList<>(ranked.size());
        out.addAll(head);
        out.addAll(deferred);
        out.addAll(ranked.subList(i, ranked.size()));
        return out;
    }

    private static boolean fits(Map<String, Integer> counts, String key, int max) {
        return key == null || counts.getOrDefault(key, 0) < max;
    }

    private static void count(Map<String, Integer> counts, String key) {
        if (key != null) {
            counts.merge(key, 1, Integer::sum);
        }
    }
}
