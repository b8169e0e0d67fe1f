package io.vitrine.recall;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The result of {@link ImplicitAls}: a vector per user and per item, and the loss before and after each iteration. */
public final class AlsModel {
    private final String[] users;
    private final String[] items;
    private final int factors;
    private final float[] userVectors;
    private final float[] itemVectors;
    private final double[] losses;
    private Map<String, Integer> userPositions;

    AlsModel(String[] users, String[] items, int factors, float[] userVectors, float[] itemVectors,
            double[] losses) {
        this.users = users;
        this.items = items;
        this.factors = factors;
        this.userVectors = userVectors;
        this.itemVectors = itemVectors;
        this.losses = losses;
    }

    public int factors() {
        return factors;
    }

    public List<String> users() {
        return Collections.unmodifiableList(Arrays.asList(users));
    }

    public List<String> items() {
        return Collections.unmodifiableList(Arrays.asList(items));
    }

    /** The loss (see {@link ImplicitAls}) at the start (index 0) and after each iteration. */
    public double[] lossHistory() {
        return losses.clone();
    }

    /**
     * The predicted preference {@code x_u·y_i} of user and item by index (as in {@link #users()}, {@link #items()}).
     */
    public double predict(int user, int item) {
        double s = 0;
        for (int d = 0; d < factors; d++) {
            s += (double) userVectors[user * factors + d] * itemVectors[item * factors + d];
        }
        return s;
    }

    /** A copy of a user's vector, if the user was in the training data. */
    public synchronized Optional<float[]> userVector(String userId) {
        if (userPositions == null) {
            userPositions = new HashMap<>(users.length * 4 / 3 + 1);
            for (int u = 0; u < users.length; u++) {
                userPositions.put(users[u], u);
            }
        }
        Integer u = userPositions.get(userId);
        return u == null
                ? Optional.empty()
                : Optional.of(Arrays.copyOfRange(userVectors, u * factors, (u + 1) * factors));
    }

    /** The item vectors as a recall table. */
    public ItemEmbeddings itemEmbeddings() {
        return new ItemEmbeddings(items.clone(), factors, itemVectors.clone());
    }
}
