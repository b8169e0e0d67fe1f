package io.vitrine.experiment;

import java.util.List;
import java.util.Map;

import io.vitrine.event.Arm;

/**
 * What experiments change about one {@code recommend} call.
 *
 * @param requestId the response's request id (it may carry the experiments, see the experiment package)
 * @param params pipeline parameters of the user's variants (named as in the pipeline parameter table)
 * @param experiments the experiments and variants that shape the response
 */
public record Treatment(String requestId, Map<String, Object> params,
        List<Arm> experiments) {

    public Treatment {
        params = Map.copyOf(params);
        experiments = List.copyOf(experiments);
    }

    /** No experiment: the configured pipeline, under a fresh request id. */
    public static Treatment none(String requestId) {
        return new Treatment(requestId, Map.of(), List.of());
    }
}
