package io.vitrine.experiment;

import java.util.Arrays;
import java.util.Optional;

/** Where an experiment is in its life: only a running experiment assigns users. */
public enum ExperimentStatus {
    /** Being prepared: assigns nobody, may change freely. */
    DRAFT,
    /** Assigns users; its variants and weights are fixed. */
    RUNNING,
    /** Finished: assigns nobody, keeps its report; cannot run again (start a new experiment). */
    STOPPED;

    /** The name on the wire: lower case. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The status with this wire name. */
    public static Optional<ExperimentStatus> fromWire(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
    }

    /** Whether an experiment may move from this status to {@code next}. */
    public boolean canBecome(ExperimentStatus next) {
        return this == next || switch (this) {
            case DRAFT -> true;
            case RUNNING -> next == STOPPED;
            case STOPPED -> false;
        };
    }
}
