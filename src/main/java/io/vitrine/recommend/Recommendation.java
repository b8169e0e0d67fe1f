package io.vitrine.recommend;

import java.util.List;
import java.util.Optional;

import io.vitrine.event.Arm;
import io.vitrine.rerank.RankedItem;

/**
 * The answer to one {@code recommend} call, before it is written as JSON.
 *
 * @param requestId the request id (it may carry the experiments that shaped the list)
 * @param userId the user
 * @param modelVersion the version of the bundle served (that ranked the list unless it is degraded); empty without a
 *            model, when the merged recall score orders the list
 * @param experiments the experiment arms that shaped the list (none for a degraded answer)
 * @param degraded whether the list came from the fallback because a store failed or was too slow
 * @param items the list, best first, each with its sources and the rules that moved it
 */
public record Recommendation(String requestId, String userId, Optional<String> modelVersion, List<Arm> experiments,
        boolean degraded, List<RankedItem> items) {

    public Recommendation {
        experiments = List.copyOf(experiments);
        items = List.copyOf(items);
    }
}
