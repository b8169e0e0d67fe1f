package io.vitrine.model;

import java.nio.file.Path;
import java.util.List;

import io.vitrine.storage.FileObjectStore;

/**
 * Loads the latest bundle of a directory with the java evaluator and scores vectors: what serving does, loaded by
 * {@link JavaEvaluatorIsolationTest} in a class loader that has neither Tribuo nor xgboost4j. References no class of
 * either itself.
 */
public final class IsolatedServing {
    private IsolatedServing() {
    }

    public static double[] score(Path directory, String schemaHash, List<double[]> vectors) {
        try (FileObjectStore store = new FileObjectStore(directory)) {
            ModelBundle bundle = ModelCodec.reader(store, schemaHash, ModelBundle.Evaluator.JAVA)
                    .loadLatest()
                    .orElseThrow();
            return bundle.ranker().score(vectors);
        }
    }
}
