package io.vitrine.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * XGBoost parameters of the ranker (recorded in the bundle manifest).
 *
 * @param trees boosting rounds
 * @param maxDepth maximum tree depth
 * @param eta learning rate
 * @param subsample fraction of examples per tree
 * @param featureSubsample fraction of features per tree
 * @param minChildWeight minimum hessian weight in a leaf
 * @param lambda L2 regularisation
 * @param alpha L1 regularisation
 * @param threads training threads
 * @param seed random seed
 */
public record TrainerParameters(int trees, int maxDepth, double eta, double subsample, double featureSubsample,
        double minChildWeight, double lambda, double alpha, int threads, long seed) {

    /** 100 trees of depth 6, learning rate 0.1, 80% of examples and features per tree, every core, seed 1. */
    public static TrainerParameters defaults() {
        return new TrainerParameters(100, 6, 0.1, 0.8, 0.8, 1, 1, 0, Runtime.getRuntime().availableProcessors(), 1);
    }

    public TrainerParameters withTrees(int trees) {
        return new TrainerParameters(trees, maxDepth, eta, subsample, featureSubsample, minChildWeight, lambda, alpha,
                threads, seed);
    }

    public TrainerParameters withMaxDepth(int maxDepth) {
        return new TrainerParameters(trees, maxDepth, eta, subsample, featureSubsample, minChildWeight, lambda, alpha,
                threads, seed);
    }

    public TrainerParameters withEta(double eta) {
        return new TrainerParameters(trees, maxDepth, eta, subsample, featureSubsample, minChildWeight, lambda, alpha,
                threads, seed);
    }

    public TrainerParameters withSubsample(double subsample) {
        return new TrainerParameters(trees, maxDepth, eta, subsample, featureSubsample, minChildWeight, lambda, alpha,
                threads, seed);
    }

    public TrainerParameters withSeed(long seed) {
        return new TrainerParameters(trees, maxDepth, eta, subsample, featureSubsample, minChildWeight, lambda, alpha,
                threads, seed);
    }

    public TrainerParameters {
        if (trees < 1 || maxDepth < 1 || eta <= 0 || subsample <= 0 || subsample > 1 || featureSubsample <= 0
                || featureSubsample > 1 || threads < 1) {
            throw new IllegalArgumentException("invalid trainer parameters");
        }
    }

    /** As a flat map for the manifest. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trees", trees);
        m.put("maxDepth", maxDepth);
        m.put("eta", eta);
        m.put("subsample", subsample);
        m.put("featureSubsample", featureSubsample);
        m.put("minChildWeight", minChildWeight);
        m.put("lambda", lambda);
        m.put("alpha", alpha);
        m.put("seed", seed);
        return m;
    }
}
