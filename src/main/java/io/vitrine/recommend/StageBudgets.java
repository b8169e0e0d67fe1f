package io.vitrine.recommend;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import io.vitrine.pipeline.Stages;
import io.vitrine.port.Deadline;

/** Times each stage and, for the stages that have one, holds it to its budget ({@link Deadline}). */
final class StageBudgets implements Stages {
    private final Stages timers;
    private final Map<String, Duration> budgets;

    StageBudgets(Stages timers, Map<String, Duration> budgets) {
        this.timers = timers;
        this.budgets = Map.copyOf(budgets);
    }

    @Override
    public <T> T time(String stage, Supplier<T> work) {
        Duration budget = budgets.get(stage);
        return budget == null
                ? timers.time(stage, work)
                : timers.time(stage, () -> Deadline.within(stage, budget, work));
    }
}
