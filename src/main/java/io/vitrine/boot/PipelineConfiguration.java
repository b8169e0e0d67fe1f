package io.vitrine.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;

import io.vitrine.pipeline.PipelineParameters;
import io.vitrine.pipeline.PipelineSettings;

/**
 * Reads the pipeline's configuration through the one table of names: {@code vitrine.recommend.<parameter>} over the
 * built-in defaults, and {@code vitrine.recommend.scenes.<scene>.<parameter>} over that for a scene. The keys are
 * declared (and documented) in {@code VitrineConfig.PipelinePlan}, which also refuses unknown ones at start.
 */
final class PipelineConfiguration {
    static final String PREFIX = "vitrine.recommend.";
    private static final Pattern SCENE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private PipelineConfiguration() {
    }

    /**
     * The pipeline of requests without a scene plan.
     *
     * @throws IllegalArgumentException naming the key when a value is out of range
     */
    static PipelineSettings defaults(Config config) {
        return PipelineParameters.configured(PipelineSettings.defaults(),
                name -> config.getOptionalValue(PREFIX + name, String.class), PREFIX);
    }

    /**
     * The plans of the named scenes: each changes only the parameters it names.
     *
     * @throws IllegalStateException when a scene name is not letters, digits, '_' and '-'
     */
    static Map<String, PipelineSettings> scenes(Config config, Iterable<String> scenes, PipelineSettings base) {
        Map<String, PipelineSettings> out = new LinkedHashMap<>();
        for (String scene : scenes) {
            if (!SCENE.matcher(scene).matches()) {
                throw new IllegalStateException(PREFIX + "scenes." + scene
                        + ": scene names are 1 to 64 letters, digits, '_' and '-'");
            }
            String prefix = PREFIX + "scenes." + scene + ".";
            out.put(scene, PipelineParameters.configured(base,
                    name -> config.getOptionalValue(prefix + name, String.class), prefix));
        }
        return out;
    }
}
