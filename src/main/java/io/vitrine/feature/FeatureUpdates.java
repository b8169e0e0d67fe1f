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
     * Whether an update changes a user's state only (the user's hash or recent lists) rather than an item's hash or a
     * trending list: a distributed replay partitions the first by user and the second by item, and their union is the
     * state one replay of every event builds.
     */
    public static boolean userScoped(FeatureUpdate update) {
        if (update instanceof FeatureUpdate.Increment u) {
            return u.entity().kind() == EntityRef.Kind.USER;
        } else if (update instanceof FeatureUpdate.Maximum u) {
            return u.entity().kind() == EntityRef.Kind.USER;
        } else if (update instanceof FeatureUpdate.Put u) {
            return u.entity().kind() == EntityRef.Kind.USER;
        } else if (update instanceof FeatureUpdate.Remove u) {
            return u.entity().kind() == EntityRef.Kind.USER;
        }
        return update instanceof FeatureUpdate.Remember;
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
