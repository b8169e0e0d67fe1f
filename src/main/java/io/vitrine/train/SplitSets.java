package io.vitrine.train;

import java.util.Map;
import java.util.Set;

/** What every evaluation split holds per user: the relevant test items, and the items never to recommend. */
abstract class SplitSets implements EvaluationData {
    /** Relevant items per test user, filled by the split. */
    protected final Map<String, Set<String>> test;
    /** Items never recommended to a user, filled by the split. */
    protected final Map<String, Set<String>> exclude;

    SplitSets(Map<String, Set<String>> test, Map<String, Set<String>> exclude) {
        this.test = test;
        this.exclude = exclude;
    }

    @Override
    public Map<String, Set<String>> test() {
        return test;
    }

    @Override
    public Map<String, Set<String>> exclude() {
        return exclude;
    }
}
