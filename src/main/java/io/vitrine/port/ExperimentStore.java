package io.vitrine.port;

import java.util.List;
import java.util.Optional;

import io.vitrine.experiment.Experiment;

/**
 * Where experiment definitions live. Writes are compare-and-set on the revision, so two admins editing the same
 * experiment cannot overwrite each other's change unnoticed.
 */
public interface ExperimentStore {

    /** Every experiment. */
    List<Experiment> all();

    /** One experiment. */
    Optional<Experiment> get(String id);

    /**
     * Stores {@code experiment} if the stored revision is {@code expectedRevision} (0: the experiment must not exist).
     *
     * @return false when the stored revision differs (nothing written)
     */
    boolean put(Experiment experiment, long expectedRevision);

    /**
     * Deletes an experiment if its stored revision is {@code expectedRevision}.
     *
     * @return false when it does not exist or its revision differs
     */
    boolean delete(String id, long expectedRevision);

    /**
     * The key that signs request ids, shared by every instance: created at random on first use and never changed.
     */
    byte[] signingKey();
}
