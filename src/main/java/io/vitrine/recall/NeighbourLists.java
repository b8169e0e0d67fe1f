package io.vitrine.recall;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.vitrine.feature.ScoredItem;

/**
 * An item-to-item table: for each item, its neighbours ordered by descending score. Stored as flat arrays (an offsets
 * array into one array of neighbour ids and one of float scores) so a table of 50k items with 50 neighbours each is a
 * few arrays rather than millions of objects, and loads in bulk. Immutable.
 */
public final class NeighbourLists {
    private static final NeighbourLists EMPTY = new NeighbourLists(new String[0], new int[]{0}, new String[0],
            new float[0]);

    private final String[] items;
    private final int[] offsets;
    private final String[] neighbours;
    private final float[] scores;
    /** Every id of the table, items with a list first (at their row), then the other neighbours. */
    private final String[] ids;
    /** The neighbours as positions in {@link #ids}, so the request path sums scores in arrays, not maps. */
    private final int[] neighbourIds;
    private final Map<String, Integer> positions;

    /**
     * Takes ownership of the arrays. The neighbours of {@code items[i]} are {@code neighbours[offsets[i] ..
     * offsets[i+1])}.
     *
     * @throws IllegalArgumentException if the arrays do not describe a valid table (offsets out of order, an item
     *             listed twice or as its own neighbour, scores NaN or not descending)
     */
    NeighbourLists(String[] items, int[] offsets, String[] neighbours, float[] scores) {
        if (offsets.length != items.length + 1 || offsets[0] != 0 || neighbours.length != scores.length
                || offsets[items.length] != neighbours.length) {
            throw new IllegalArgumentException("inconsistent neighbour table sizes");
        }
        Map<String, Integer> index = new HashMap<>(Math.max(16, items.length * 4 / 3 + 1));
        for (int i = 0; i < items.length; i++) {
            String item = Objects.requireNonNull(items[i], "item id");
            if (index.put(item, i) != null) {
                throw new IllegalArgumentException("item listed twice: " + item);
            }
            int from = offsets[i];
            int to = offsets[i + 1];
            if (to < from) {
                throw new IllegalArgumentException("offsets must not decrease");
            }
            for (int p = from; p < to; p++) {
                String neighbour = Objects.requireNonNull(neighbours[p], "neighbour id");
                if (neighbour.equals(item)) {
                    throw new IllegalArgumentException("item is its own neighbour: " + item);
                }
                if (Float.isNaN(scores[p]) || (p > from && scores[p] > scores[p - 1])) {
                    throw new IllegalArgumentException("scores of " + item + " must be numbers in descending order");
                }
            }
        }
        List<String> all = new ArrayList<>(Arrays.asList(items));
        int[] ids = new int[neighbours.length];
        for (int p = 0; p < neighbours.length; p++) {
            Integer at = index.get(neighbours[p]);
            if (at == null) {
                at = all.size();
                all.add(neighbours[p]);
                index.put(neighbours[p], at);
            }
            ids[p] = at;
        }
        this.items = items;
        this.offsets = offsets;
        this.neighbours = neighbours;
        this.scores = scores;
        this.ids = all.toArray(String[]::new);
        this.neighbourIds = ids;
        this.positions = index;
    }

    /** A table with no items. */
    public static NeighbourLists empty() {
        return EMPTY;
    }

    /**
     * A table from ready lists (each already ordered best first), mainly for tests and hand-made tables. Scores are
     * stored as floats. Items keep the map's iteration order.
     */
    public static NeighbourLists of(Map<String, List<ScoredItem>> lists) {
        String[] items = new String[lists.size()];
        int[] offsets = new int[items.length + 1];
        int total = lists.values().stream().mapToInt(List::size).sum();
        String[] neighbours = new String[total];
        float[] scores = new float[total];
        int i = 0;
        int p = 0;
        for (Map.Entry<String, List<ScoredItem>> e : lists.entrySet()) {
            items[i] = e.getKey();
            for (ScoredItem s : e.getValue()) {
                neighbours[p] = s.itemId();
                scores[p] = (float) s.score();
                p++;
            }
            offsets[++i] = p;
        }
        return new NeighbourLists(items, offsets, neighbours, scores);
    }

    /** Number of items that have a list. */
    public int itemCount() {
        return items.length;
    }

    /** Number of (item, neighbour) entries over all lists. */
    public int entryCount() {
        return neighbours.length;
    }

    /** The items that have a list, in table order. */
    public List<String> items() {
        return Collections.unmodifiableList(Arrays.asList(items));
    }

    /** The neighbours of {@code itemId}, best first; empty if the item has none. */
    public List<ScoredItem> neighbours(String itemId) {
        Integer i = positions.get(itemId);
        if (i == null || i >= items.length) {
            return List.of();
        }
        int from = offsets[i];
        ScoredItem[] out = new ScoredItem[offsets[i + 1] - from];
        for (int p = 0; p < out.length; p++) {
            out[p] = new ScoredItem(neighbours[from + p], scores[from + p]);
        }
        return List.of(out);
    }

    /** How many ids the table knows (items with a list and their neighbours): the range of {@link #id}. */
    int idCount() {
        return ids.length;
    }

    /** The position of an id among the table's ids, or -1 when the table does not know it. */
    int id(String itemId) {
        Integer i = positions.get(itemId);
        return i == null ? -1 : i;
    }

    /** Every id of the table, by position (not to be modified). */
    String[] idArray() {
        return ids;
    }

    /** Whether the id at a position has a list (its neighbours are {@link #neighbourIds} from {@link #offsetArray}). */
    boolean hasList(int position) {
        return position < items.length;
    }

    int[] neighbourIds() {
        return neighbourIds;
    }

    String[] itemArray() {
        return items;
    }

    int[] offsetArray() {
        return offsets;
    }

    String[] neighbourArray() {
        return neighbours;
    }

    float[] scoreArray() {
        return scores;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NeighbourLists other && Arrays.equals(items, other.items)
                && Arrays.equals(offsets, other.offsets) && Arrays.equals(neighbours, other.neighbours)
                && Arrays.equals(scores, other.scores);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(items), Arrays.hashCode(offsets), Arrays.hashCode(neighbours),
                Arrays.hashCode(scores));
    }

    @Override
    public String toString() {
        return "NeighbourLists[items=" + items.length + ", entries=" + neighbours.length + "]";
    }
}
