package io.vitrine.experiment;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An experiment. Users are first placed in one of the layer's {@value Bucketing#BUCKETS} buckets by a hash of the layer
 * and the user id; the experiment owns the buckets {@code [offset, offset + coverage x 10,000)} of its layer, so
 * experiments of one layer that own disjoint ranges never share a user. A user inside that range gets a variant from a
 * second hash, of the experiment's salt and the user id, over the variants' weights; coverage plays no part in it, so
 * raising coverage only adds users and never moves one.
 *
 * @param id unique experiment id
 * @param layer the layer; {@value #RECOMMEND_LAYER} experiments change {@code recommend}
 * @param salt hashed with the user id to choose the variant (defaults to the id)
 * @param status draft, running or stopped
 * @param coverage the share of the layer's users in the experiment, 0 to 1
 * @param offset the first of the layer's buckets the experiment owns
 * @param variants at least two; the first is the control
 * @param revision incremented by every change (optimistic concurrency of admin writes)
 * @param updatedAt when it last changed
 */
public record Experiment(String id, String layer, String salt, ExperimentStatus status, double coverage, int offset,
        List<Variant> variants, long revision, Instant updatedAt) {

    /** The layer whose experiments change {@code recommend}: model version, recall quotas, re-ranking settings. */
    public static final String RECOMMEND_LAYER = "recommend";

    public Experiment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(status, "status");
        variants = List.copyOf(variants);
    }

    /** The number of layer buckets the experiment owns. */
    public int bucketCount() {
        return (int) Math.round(coverage * Bucketing.BUCKETS);
    }

    /** Whether the experiment's bucket range overlaps that of {@code other}. */
    public boolean overlaps(Experiment other) {
        return offset < other.offset + other.bucketCount() && other.offset < offset + bucketCount();
    }

    /** The control variant (the first). */
    public Variant control() {
        return variants.get(0);
    }

    /** The variant with this name. */
    public Optional<Variant> variant(String name) {
        return variants.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The same experiment at another revision. */
    public Experiment withRevision(long newRevision, Instant at) {
        return new Experiment(id, layer, salt, status, coverage, offset, variants, newRevision, at);
    }
}
