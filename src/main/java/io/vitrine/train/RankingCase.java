package io.vitrine.train;

import java.util.List;

/**
 * An evaluation case of the validation window: a user who engaged with one item, that item among sampled others, each
 * with its feature vector as of just before the engagement.
 *
 * @param userId the user
 * @param atMillis the engagement time
 * @param itemIds candidates; the engaged item is first
 * @param vectors their feature vectors, aligned with {@code itemIds}
 */
public record RankingCase(String userId, long atMillis, List<String> itemIds, List<double[]> vectors) {
}
