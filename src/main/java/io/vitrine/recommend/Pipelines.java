package io.vitrine.recommend;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.vitrine.model.ModelBundle;
import io.vitrine.pipeline.Lookups;
import io.vitrine.pipeline.Pipeline;
import io.vitrine.pipeline.PipelineParameters;
import io.vitrine.pipeline.PipelineSettings;

/**
 * The pipelines an instance serves with, built once per bundle version, scene and experiment parameters, and reused by
 * every request with the same three. A scene without a plan of its own runs the default settings; a variant's
 * parameters apply on top of the scene's settings.
 */
final class Pipelines {
    /** Bundles times scenes times variants an instance keeps built; beyond it the set is rebuilt as requests come. */
    private static final int MAX_BUILT = 256;

    private final PipelineSettings defaults;
    private final Map<String, PipelineSettings> scenes;
    private final Lookups lookups;
    private final Map<Key, Built> built = new ConcurrentHashMap<>();

    /** @param scenes the settings of the scenes that have a plan of their own, by scene name */
    Pipelines(PipelineSettings defaults, Map<String, PipelineSettings> scenes, Lookups lookups) {
        this.defaults = defaults;
        this.scenes = Map.copyOf(scenes);
        this.lookups = lookups;
    }

    /** The pipeline of a request: its bundle (or none), its scene (may be null) and its variants' parameters. */
    Pipeline get(Optional<ModelBundle> bundle, String scene, Map<String, Object> params) {
        String sceneKey = scene != null && scenes.containsKey(scene) ? scene : "";
        Key key = new Key(bundle.map(b -> b.manifest().version()).orElse(""), sceneKey, params);
        ModelBundle served = bundle.orElse(null);
        Built found = built.get(key);
        // The same version loaded again (an experiment's copy, a reload) is another object: build for the one served.
        if (found != null && found.bundle() == served) {
            return found.pipeline();
        }
        PipelineSettings settings = PipelineParameters.apply(sceneKey.isEmpty() ? defaults : scenes.get(sceneKey),
                params);
        Pipeline pipeline = Pipeline.of(settings, served == null ? null : served.tables(),
                served == null ? null : served.ranker(), lookups);
        if (built.size() >= MAX_BUILT) {
            built.clear();
        }
        built.put(key, new Built(served, pipeline));
        return pipeline;
    }

    private record Key(String version, String scene, Map<String, Object> params) {
    }

    private record Built(ModelBundle bundle, Pipeline pipeline) {
    }
}
