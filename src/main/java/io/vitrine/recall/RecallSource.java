package io.vitrine.recall;

import java.util.List;

import io.vitrine.feature.ScoredItem;

/**
 * A named candidate generator (Gorse's recommender functions: candidates plus the name of who produced them).
 * Configuration and experiments choose and tune sources by {@link #name()}.
 */
public interface RecallSource {

    /** The stable name, e.g. {@code item_cf}; reported with every item it produced. */
    String name();

    /** Up to {@code limit} candidates, best first; never items of {@link RecallContext#exclude()}. */
    List<ScoredItem> recall(RecallContext context, int limit);
}
