package io.vitrine.rerank;

import java.util.List;

/** A named re-ranking rule. */
public interface RerankRule {

    /** The stable name reported in {@code explain}. */
    String name();

    /** The list after this rule, best first. */
    List<RankedItem> apply(List<RankedItem> ranked);
}
