package io.vitrine.experiment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Experiments for tests. */
public final class TestExperiments {
    private TestExperiments() {
    }

    /** A running experiment whose salt is its id, with a control and one variant per further weight, no params. */
    public static Experiment running(String id, String layer, double coverage, int offset, double... weights) {
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            variants.add(new Variant(i == 0 ? "control" : "v" + i, weights[i], Map.of()));
        }
        return new Experiment(id, layer, id, ExperimentStatus.RUNNING, coverage, offset, variants, 1, Instant.EPOCH);
    }
}
