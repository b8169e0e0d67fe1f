package io.vitrine.recall;

import java.util.Objects;

/**
 * One weighted user-item interaction, as the trainer derives it from an event (for example a view with weight 1, a
 * purchase with weight 5). Repeated interactions of a user with an item add up.
 *
 * @param userId the user; not blank
 * @param itemId the item; not blank
 * @param weight strength of the signal; greater than 0 and at most {@link Float#MAX_VALUE} (tables keep weights as
 *            floats)
 * @param atMillis event time in epoch milliseconds
 */
public record Interaction(String userId, String itemId, double weight, long atMillis) {

    public Interaction {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(itemId, "itemId");
        if (userId.isBlank() || itemId.isBlank()) {
            throw new IllegalArgumentException("userId and itemId must not be blank");
        }
        if (!(weight > 0) || weight > Float.MAX_VALUE) {
            throw new IllegalArgumentException("weight must be greater than 0 and finite as a float, was " + weight);
        }
    }
}
