package io.vitrine.recall;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vitrine.feature.ScoredItem;

/**
 * {@link RecallTableStore} in process memory, for tests and single-instance runs. Keeps a reference to the loaded
 * tables (they are immutable) rather than copying them. Thread-safe.
 */
public final class InMemoryRecallTableStore implements RecallTableStore {
    private final Map<String, RecallTables> versions = new HashMap<>();
    private String active;

    @Override
    public synchronized void load(String version, RecallTables tables) {
        RecallTableStore.requireNames(version, tables);
        if (version.equals(active)) {
            throw new IllegalStateException("cannot load into the active version " + version);
        }
        versions.put(version, tables);
    }

    @Override
    public synchronized void activate(String version) {
        if (!versions.containsKey(version)) {
            throw new IllegalStateException("version " + version + " is not loaded");
        }
        active = version;
    }

    @Override
    public synchronized Optional<String> activeVersion() {
        return Optional.ofNullable(active);
    }

    @Override
    public Map<String, List<ScoredItem>> neighbours(String version, String source, Collection<String> itemIds) {
        RecallTables tables = tables(version);
        Map<String, List<ScoredItem>> out = new LinkedHashMap<>();
        if (tables == null) {
            return out;
        }
        NeighbourLists table = tables.neighbours(source);
        for (String itemId : itemIds) {
            List<ScoredItem> list = table.neighbours(itemId);
            if (!list.isEmpty()) {
                out.put(itemId, list);
            }
        }
        return out;
    }

    @Override
    public List<ScoredItem> popular(String version, Optional<String> category, int limit) {
        RecallTableStore.requireLimit(limit);
        RecallTables tables = tables(version);
        if (tables == null) {
            return List.of();
        }
        PopularityLists popularity = tables.popularity();
        List<ScoredItem> list = category.map(popularity::category).orElse(popularity.global());
        return list.subList(0, Math.min(limit, list.size()));
    }

    @Override
    public synchronized void drop(String version, RecallTables tables) {
        if (version.equals(active)) {
            throw new IllegalStateException("cannot drop the active version " + version);
        }
        versions.remove(version);
    }

    private synchronized RecallTables tables(String version) {
        return versions.get(version);
    }
}
