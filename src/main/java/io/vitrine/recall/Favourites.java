package io.vitrine.recall;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/** A user's favourite categories or brands: the top keys by decayed interest, each with its share of the total. */
final class Favourites {
    private Favourites() {
    }

    /** The {@code n} keys of highest interest, best first (ties by key), mapped to their share of all interest. */
    static Map<String, Double> top(Map<String, Double> affinity, int n) {
        double total = affinity.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> out = new LinkedHashMap<>();
        if (total > 0) {
            affinity.entrySet()
                    .stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue()
                            .reversed()
                            .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
                    .limit(n)
                    .forEach(e -> out.put(e.getKey(), e.getValue() / total));
        }
        return out;
    }
}
