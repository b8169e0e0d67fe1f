package io.vitrine.feature;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Reads the features of many items at once, as of a time: one batched read. Serving answers from a short-lived cache
 * (features interpreted when the cache was filled, at most its TTL earlier); offline jobs interpret the replayed state
 * exactly as of {@code now}.
 */
@FunctionalInterface
public interface ItemLookup {

    /** The features of the known ones of {@code itemIds}, by id. */
    Map<String, ItemFeatures> items(Collection<String> itemIds, Instant now);
}
