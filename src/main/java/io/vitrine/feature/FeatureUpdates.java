package io.vitrine.feature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Operations on lists of {@link FeatureUpdate}s. */
public final class FeatureUpdates {
    private FeatureUpdates() {
    }

    /**
     * Merges updates of one batch that touch the same field (increments add up, maxima take the larger) so a store
     * sends fewer commands; the result applied to any state equals the input applied one by one.
     */
    public static List<FeatureUpdate> coalesce(List<FeatureUpdate> updates) {
        Map<Object, FeatureUpdate> merged = new LinkedHashMap<>();
        List<FeatureUpdate> others = new ArrayList<>();
        for (FeatureUpdate u : updates) {
            if (u instanceof FeatureUpdate.Increment inc) {
                merged.merge(List.of("inc", inc.entity(), inc.field()), inc, (a, b) -> new FeatureUpdate.Increment(
                        inc.entity(), inc.field(), ((FeatureUpdate.Increment) a).delta() + inc.delta()));
            } else if (u instanceof FeatureUpdate.Maximum max) {
                merged.merge(List.of("max", max.entity(), max.field()), max, (a, b) -> new FeatureUpdate.Maximum(
                        max.entity(), max.field(), Math.max(((FeatureUpdate.Maximum) a).value(), max.value())));
            } else if (u instanceof FeatureUpdate.Trend t) {
                merged.merge(List.of("trend", t.scope(), t.generation(), t.itemId()), t,
                        (a, b) -> new FeatureUpdate.Trend(t.scope(), t.generation(), t.itemId(),
                                ((FeatureUpdate.Trend) a).delta() + t.delta(), t.retention()));
            } else if (u instanceof FeatureUpdate.Remove r) {
                merged.putIfAbsent(List.of("remove", r.entity(), r.field()), r);
            } else {
                others.add(u);
            }
        }
        List<FeatureUpdate> out = new ArrayList<>(merged.values());
        out.addAll(others);
        return out;
    }
}
