package io.vitrine.pipeline;

import java.util.Objects;

import io.vitrine.feature.ItemLookup;
import io.vitrine.recall.NewArrivalsSource;
import io.vitrine.recall.TrendingSource;

/**
 * What the pipeline reads besides the bundle's tables: serving passes Redis-backed, per-instance cached reads; the
 * offline evaluation and the trainer pass the in-memory state as of a point in time. Each call is one batched read.
 *
 * @param items the features of many items at once (catalog fields and statistics)
 * @param trending the tops of several live trending lists
 * @param newArrivals the newest listings of several scopes
 */
public record Lookups(ItemLookup items, TrendingSource.Lookup trending,
        NewArrivalsSource.Lookup newArrivals) {

    public Lookups {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(trending, "trending");
        Objects.requireNonNull(newArrivals, "newArrivals");
    }
}
