package io.vitrine.spark;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.vitrine.event.EventPolicy;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.pipeline.PipelineSettings;
import io.vitrine.recall.EaseSettings;
import io.vitrine.train.ExampleOptions;
import io.vitrine.train.TrainerParameters;
import io.vitrine.train.TrainingOptions;
import io.vitrine.wire.EventValidator;

/**
 * The parameters of one Spark training run, as plain values that Spark ships to the executors; each side builds the
 * main project's settings objects from them ({@link #examples()}, {@link #training()}, ...), so driver and executors
 * use one definition. The feature and pipeline settings are the defaults of the service (those of {@code train} without
 * configuration).
 */
public final class JobSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    final long splitMillis;
    final long seed;
    final int trees;
    final int maxDepth;
    final double eta;
    final double subsample;
    final int easeMaxItems;
    final double easeLambda;
    final double negativeKeepRate;
    final long validatedAtMillis;

    /**
     * @param split the time cut: events at or after it are labels
     * @param validatedAt the reference time of event validation (future skew)
     */
    JobSpec(Instant split, long seed, int trees, int maxDepth, double eta, double subsample, int easeMaxItems,
            double easeLambda, double negativeKeepRate, Instant validatedAt) {
        this.splitMillis = split.toEpochMilli();
        this.seed = seed;
        this.trees = trees;
        this.maxDepth = maxDepth;
        this.eta = eta;
        this.subsample = subsample;
        this.easeMaxItems = easeMaxItems;
        this.easeLambda = easeLambda;
        this.negativeKeepRate = negativeKeepRate;
        this.validatedAtMillis = validatedAt.toEpochMilli();
        training(); // validates
    }

    /** The same run with another split (the cut is known only after a first pass over the events). */
    JobSpec withSplit(Instant split) {
        return new JobSpec(split, seed, trees, maxDepth, eta, subsample, easeMaxItems, easeLambda, negativeKeepRate,
                Instant.ofEpochMilli(validatedAtMillis));
    }

    FeatureSettings features() {
        return FeatureSettings.defaults();
    }

    PipelineSettings pipeline() {
        return PipelineSettings.defaults();
    }

    ExampleOptions examples() {
        return ExampleOptions.defaults(ExampleOptions.Mode.CANDIDATES, Instant.ofEpochMilli(splitMillis))
                .withSeed(seed)
                .withNegativeKeepRate(negativeKeepRate);
    }

    /** As the {@code train} command makes them from its flags. */
    TrainingOptions training() {
        TrainingOptions defaults = TrainingOptions.defaults(examples());
        TrainerParameters ranker = defaults.ranker()
                .withTrees(trees)
                .withMaxDepth(maxDepth)
                .withEta(eta)
                .withSubsample(subsample);
        return defaults.withRanker(ranker)
                .withEase(EaseSettings.defaults().withMaxItems(easeMaxItems).withLambda(easeLambda));
    }

    /** The historical-import rules of {@code train} (no age limit; the service's default future skew). */
    EventValidator validator() {
        return new EventValidator(new EventPolicy(500, Duration.ofMinutes(5), Optional.empty()));
    }

    Instant validatedAt() {
        return Instant.ofEpochMilli(validatedAtMillis);
    }
}
