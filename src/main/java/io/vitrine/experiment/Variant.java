package io.vitrine.experiment;

import java.util.Map;
import java.util.Objects;

/**
 * One arm of an experiment.
 *
 * @param name unique within the experiment; the first variant is the control
 * @param weight relative share of the experiment's users (positive)
 * @param params what the variant changes: pipeline parameters in the {@code recommend} layer, the app's own parameters
 *            elsewhere (strings, numbers, booleans)
 */
public record Variant(String name, double weight, Map<String, Object> params) {

    public Variant {
        Objects.requireNonNull(name, "name");
        params = Map.copyOf(params);
    }
}
