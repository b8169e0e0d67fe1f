package io.vitrine.boot;

import jakarta.inject.Singleton;

import io.quarkus.arc.properties.IfBuildProperty;
import io.vitrine.model.BundleReader;
import io.vitrine.model.ModelCodec;
import io.vitrine.rank.Ranker;

/**
 * The {@code tribuo} evaluator's reader of {@code model.tribuo}, a bean only in builds that carry Tribuo (the JVM
 * artifact, {@code vitrine.build.jobs} not false). The serve-only native image has none, so serving there can only use
 * the {@code java} evaluator and no Tribuo or xgboost4j class is reachable.
 */
@Singleton
@IfBuildProperty(name = "vitrine.build.jobs", stringValue = "true", enableIfMissing = true)
public class TribuoModelFiles implements BundleReader.ModelFileRanker {

    @Override
    public Ranker fromModelFile(byte[] modelFile) {
        return ModelCodec.tribuoRanker(modelFile);
    }
}
