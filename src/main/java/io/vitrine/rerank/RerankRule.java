package io.vitrine.rerank;

import java.util.List;

/** A named re-ranking rule. */
public interface RerankRule {

    /** The stable name reported in {@code explain}. */
    String name();

    /**
     * The list after this rule, best first.
     *
     * @param seed derived from the request, for rules that draw at random: the same seed gives the same list, so a
     *            request's list can be reproduced
     */
    List<RankedItem> apply(List<RankedItem> ranked, long seed);
}
