package io.vitrine.train;

/**
 * One labelled example.
 *
 * @param userId the user
 * @param itemId the item shown or interacted with
 * @param atMillis when (its features are as of just before this time)
 * @param features {@link io.vitrine.rank.RankingFeatures} vector
 * @param engaged whether the user clicked, carted or bought it (within the attribution window of an impression)
 */
public record TrainingExample(String userId, String itemId, long atMillis, double[] features, boolean engaged) {
}
