package io.vitrine.experiment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Places users in experiments (see {@link Experiment} and {@link Bucketing}). Pure and deterministic. */
public final class Assigner {

    private Assigner() {
    }

    /** The user's variant in a running experiment; empty when the experiment is not running or does not cover them. */
    public static Optional<Assignment> assign(Experiment experiment, String userId) {
        if (experiment.status() != ExperimentStatus.RUNNING) {
            return Optional.empty();
        }
        int layerBucket = Bucketing.layerBucket(experiment.layer(), userId);
        if (layerBucket < experiment.offset() || layerBucket >= experiment.offset() + experiment.bucketCount()) {
            return Optional.empty();
        }
        Variant variant = variantFor(experiment, Bucketing.variantBucket(experiment.salt(), userId));
        return Optional.of(new Assignment(experiment.id(), experiment.layer(), variant.name(), variant.params()));
    }

    /** The user's assignments in every experiment that covers them, in the given order. */
    public static List<Assignment> assignAll(Collection<Experiment> experiments, String userId) {
        List<Assignment> out = new ArrayList<>();
        for (Experiment e : experiments) {
            assign(e, userId).ifPresent(out::add);
        }
        return out;
    }

    /**
     * The variant owning a bucket: variant {@code i} owns
     * {@code [round(10,000 x W(i-1) / W), round(10,000 x W(i) / W))} where {@code W(i)} is the sum of the first
     * {@code i + 1} weights and {@code W} their total.
     */
    static Variant variantFor(Experiment experiment, int bucket) {
        List<Variant> variants = experiment.variants();
        double total = variants.stream().mapToDouble(Variant::weight).sum();
        double cumulative = 0;
        for (Variant v : variants) {
            cumulative += v.weight();
            if (bucket < Math.round(Bucketing.BUCKETS * cumulative / total)) {
                return v;
            }
        }
        return variants.get(variants.size() - 1);
    }
}
