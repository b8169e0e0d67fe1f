package io.vitrine.train;

import java.util.LinkedHashMap;
import java.util.Map;

import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureSnapshot;
import io.vitrine.feature.ItemFeatures;
import io.vitrine.memory.InMemoryFeatureStore;
import io.vitrine.pipeline.Lookups;

/** The pipeline's reads over replayed state: items, trending and new-arrival lists exactly as of the asked time. */
final class ReplayLookups {
    private ReplayLookups() {
    }

    static Lookups of(InMemoryFeatureStore state, FeatureSettings settings) {
        return new Lookups((ids, now) -> {
            FeatureSnapshot snapshot = state.read(null, ids);
            Map<String, ItemFeatures> out = new LinkedHashMap<>();
            snapshot.items().forEach((id, s) -> out.put(id, ItemFeatures.of(s, now, settings)));
            return out;
        }, state::trending, state::newArrivals);
    }
}
