package io.vitrine.boot;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vitrine.model.BundleManifest;

/**
 * The bundle manifest's records, which Jackson binds by reflection when serving reads a bundle: a native image must
 * keep them (the trees file and the recall tables are read without reflection).
 */
@RegisterForReflection(targets = {BundleManifest.class, BundleManifest.ModelInfo.class, BundleManifest.TreesInfo.class,
        BundleManifest.FeatureSchema.class, BundleManifest.DataWindow.class, BundleManifest.FileEntry.class})
public final class BundleReflection {
    private BundleReflection() {
    }
}
