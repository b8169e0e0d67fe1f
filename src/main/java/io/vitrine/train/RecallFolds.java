package io.vitrine.train;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.vitrine.event.Event;
import io.vitrine.recall.Candidate;
import io.vitrine.recall.RecallContext;

/**
 * Recall for training examples without label leakage. Examples carry the candidate's recall score as a feature, and
 * recall tables built from the whole training window contain the very interaction an example labels: the positive's
 * co-occurrence with the user's earlier items, the user's row in EASE and ALS. Its recall score would be inflated in
 * exactly the way serving never sees (a served user's future interaction is not in the tables). So the users are split
 * in two folds by a hash of their id, a set of tables is built from each fold's events, and a request about a user is
 * answered from the tables of the other fold, which never saw any of that user's events. The tables that are published
 * and evaluated are still built from every event, separately.
 */
final class RecallFolds {
    private final RecallTableTrainer[] trainers;

    /** @param trainer makes an empty table trainer (called twice) */
    RecallFolds(Supplier<RecallTableTrainer> trainer) {
        this.trainers = new RecallTableTrainer[]{trainer.get(), trainer.get()};
    }

    /** The fold of a user: 0 or 1, the top bit of a multiplicative hash of the id. */
    static int fold(String userId) {
        return (userId.hashCode() * 0x9E3779B9) >>> 31;
    }

    /** Adds an event to its user's fold (time-ordered, as {@link RecallTableTrainer#accept}). */
    void accept(Event event) {
        trainers[fold(event.userId())].accept(event);
    }

    /** Builds both folds' tables; the result answers each user from the other fold's tables. */
    Function<RecallContext, List<Candidate>> candidates() {
        Function<RecallContext, List<Candidate>> zero = RecallSetup.candidates(trainers[0].build());
        Function<RecallContext, List<Candidate>> one = RecallSetup.candidates(trainers[1].build());
        return context -> (fold(context.userId()) == 0 ? one : zero).apply(context);
    }
}
