package io.vitrine.recall;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The user × item matrix of summed interaction weights in sparse form, stored twice: by user (CSR: per user its items
 * in ascending index order) and by item (CSC: per item its users), because ALS alternates between the two. Each stored
 * entry costs 8 bytes per copy (an int index and a float weight), so the matrix takes about
 * {@code 16 × nonZeros + 4 × (users + items)} bytes plus the id strings; the builder needs 12 bytes per added
 * interaction until {@link Builder#build()}. Java arrays cap non-zeros at about 2^31.
 */
public final class InteractionMatrix {
    private final String[] users;
    private final String[] items;
    private final int[] userOffsets;
    private final int[] userItems;
    private final float[] userWeights;
    private final int[] itemOffsets;
    private final int[] itemUsers;
    private final float[] itemWeights;

    private InteractionMatrix(String[] users, String[] items, int[] userOffsets, int[] userItems,
            float[] userWeights, int[] itemOffsets, int[] itemUsers, float[] itemWeights) {
        this.users = users;
        this.items = items;
        this.userOffsets = userOffsets;
        this.userItems = userItems;
        this.userWeights = userWeights;
        this.itemOffsets = itemOffsets;
        this.itemUsers = itemUsers;
        this.itemWeights = itemWeights;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int userCount() {
        return users.length;
    }

    public int itemCount() {
        return items.length;
    }

    /** Number of distinct (user, item) pairs. */
    public int nonZeroCount() {
        return userItems.length;
    }

    /** User ids by index. */
    public List<String> users() {
        return Collections.unmodifiableList(Arrays.asList(users));
    }

    /** Item ids by index. */
    public List<String> items() {
        return Collections.unmodifiableList(Arrays.asList(items));
    }

    /** The summed weight of user {@code u} on item {@code i} (indices), 0 if none. */
    public float weight(int u, int i) {
        int p = Arrays.binarySearch(userItems, userOffsets[u], userOffsets[u + 1], i);
        return p >= 0 ? userWeights[p] : 0f;
    }

    String[] userArray() {
        return users;
    }

    String[] itemArray() {
        return items;
    }

    int[] userOffsets() {
        return userOffsets;
    }

    int[] userItems() {
        return userItems;
    }

    float[] userWeights() {
        return userWeights;
    }

    int[] itemOffsets() {
        return itemOffsets;
    }

    int[] itemUsers() {
        return itemUsers;
    }

    float[] itemWeights() {
        return itemWeights;
    }

    /** Collects interactions (in any order) as primitive triples; not thread-safe. */
    public static final class Builder {
        private final IdIndex users = new IdIndex();
        private final IdIndex items = new IdIndex();
        private int[] rows = new int[1024];
        private int[] columns = new int[1024];
        private float[] weights = new float[1024];
        private int size;

        private Builder() {
        }

        public Builder accept(Interaction interaction) {
            return add(interaction.userId(), interaction.itemId(), interaction.weight());
        }

        /** Adds {@code weight} (greater than 0, at most {@link Float#MAX_VALUE}) to the user's entry for the item. */
        public Builder add(String userId, String itemId, double weight) {
            if (!(weight > 0) || weight > Float.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "weight must be greater than 0 and finite as a float, was " + weight);
            }
            if (size == rows.length) {
                if (size == Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("too many interactions for one matrix");
                }
                int capacity = (int) Math.min(Integer.MAX_VALUE - 8, size * 2L);
                rows = Arrays.copyOf(rows, capacity);
                columns = Arrays.copyOf(columns, capacity);
                weights = Arrays.copyOf(weights, capacity);
            }
            rows[size] = users.intern(userId);
            columns[size] = items.intern(itemId);
            weights[size] = (float) weight;
            size++;
            return this;
        }

        /** The matrix of everything added; duplicates of a (user, item) pair are summed. */
        public InteractionMatrix build() {
            int userCount = users.size();
            int itemCount = items.size();
            // Bucket the triples by item, then transpose into rows: each row comes out sorted by item, so
            // duplicates are adjacent and can be merged in place.
            int[] byItemOffsets = offsets(columns, size, itemCount);
            int[] byItemUsers = new int[size];
            float[] byItemWeights = new float[size];
            int[] cursor = Arrays.copyOf(byItemOffsets, itemCount);
            for (int p = 0; p < size; p++) {
                int at = cursor[columns[p]]++;
                byItemUsers[at] = rows[p];
                byItemWeights[at] = weights[p];
            }
            int[] rowOffsets = offsets(rows, size, userCount);
            int[] rowItems = new int[size];
            float[] rowWeights = new float[size];
            cursor = Arrays.copyOf(rowOffsets, userCount);
            for (int item = 0; item < itemCount; item++) {
                for (int p = byItemOffsets[item]; p < byItemOffsets[item + 1]; p++) {
                    int at = cursor[byItemUsers[p]]++;
                    rowItems[at] = item;
                    rowWeights[at] = byItemWeights[p];
                }
            }
            int[] csrOffsets = new int[userCount + 1];
            int nonZeros = 0;
            for (int u = 0; u < userCount; u++) {
                int previous = -1;
                for (int p = rowOffsets[u]; p < rowOffsets[u + 1]; p++) {
                    if (rowItems[p] == previous) {
                        rowWeights[nonZeros - 1] += rowWeights[p];
                    } else {
                        previous = rowItems[p];
                        rowItems[nonZeros] = previous;
                        rowWeights[nonZeros] = rowWeights[p];
                        nonZeros++;
                    }
                }
                csrOffsets[u + 1] = nonZeros;
            }
            int[] csrItems = Arrays.copyOf(rowItems, nonZeros);
            float[] csrWeights = Arrays.copyOf(rowWeights, nonZeros);

            int[] cscOffsets = offsets(csrItems, nonZeros, itemCount);
            int[] cscUsers = new int[nonZeros];
            float[] cscWeights = new float[nonZeros];
            cursor = Arrays.copyOf(cscOffsets, itemCount);
            for (int u = 0; u < userCount; u++) {
                for (int p = csrOffsets[u]; p < csrOffsets[u + 1]; p++) {
                    int at = cursor[csrItems[p]]++;
                    cscUsers[at] = u;
                    cscWeights[at] = csrWeights[p];
                }
            }
            return new InteractionMatrix(users.toArray(), items.toArray(), csrOffsets, csrItems, csrWeights,
                    cscOffsets, cscUsers, cscWeights);
        }

        /** Prefix sums of the counts of each key in {@code keys[0..n)}: the start of each key's bucket. */
        private static int[] offsets(int[] keys, int n, int keyCount) {
            int[] offsets = new int[keyCount + 1];
            for (int p = 0; p < n; p++) {
                offsets[keys[p] + 1]++;
            }
            for (int k = 0; k < keyCount; k++) {
                offsets[k + 1] += offsets[k];
            }
            return offsets;
        }
    }
}
