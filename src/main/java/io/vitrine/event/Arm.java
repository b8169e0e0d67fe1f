package io.vitrine.event;

import java.util.Objects;

/**
 * One variant of one experiment, as an event counts towards it in the experiment's report.
 *
 * @param experimentId the experiment
 * @param variant the variant's name
 */
public record Arm(String experimentId, String variant) {

    public Arm {
        Objects.requireNonNull(experimentId, "experimentId");
        Objects.requireNonNull(variant, "variant");
    }

    /** {@code experimentId=variant}, the form the event log stores. */
    @Override
    public String toString() {
        return experimentId + "=" + variant;
    }
}
