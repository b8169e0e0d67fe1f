package io.vitrine.experiment;

import java.util.Map;

import io.vitrine.event.Arm;

/**
 * A user's variant in one experiment.
 *
 * @param experimentId the experiment
 * @param layer its layer
 * @param variant the variant's name
 * @param params the variant's parameters
 */
public record Assignment(String experimentId, String layer, String variant, Map<String, Object> params) {

    public Assignment {
        params = Map.copyOf(params);
    }

    /** The arm the user's events count towards. */
    public Arm arm() {
        return new Arm(experimentId, variant);
    }
}
