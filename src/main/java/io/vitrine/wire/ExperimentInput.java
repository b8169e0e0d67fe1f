package io.vitrine.wire;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vitrine.experiment.Bucketing;
import io.vitrine.experiment.Experiment;

/**
 * The body of {@code PUT /v1/experiments/{id}}.
 *
 * @param layer required; experiments of one layer never share a user, layers are independent; {@code recommend}
 *            experiments change the recommend pipeline
 * @param salt hashed with the user id to choose the variant; defaults to the experiment id
 * @param status {@code draft} (default), {@code running} or {@code stopped}
 * @param coverage share of the layer's users in the experiment, 0 to 1 (default 1)
 * @param offset first of the layer's 10,000 buckets the experiment owns (default 0)
 * @param variants 2 to 20; the first is the control
 * @param revision the revision this change is based on (optional): a stale one is refused with 409
 */
@Schema(name = "ExperimentInput", description = "An experiment definition. offset + round(coverage x 10000) must not"
        + " exceed 10000.")
public record ExperimentInput(
        @Schema(required = true, pattern = ExperimentInput.NAME_PATTERN, description = "Experiments of one layer"
                + " never share a user; layers are independent. Experiments in the layer recommend change the"
                + " recommend pipeline", examples = "recommend") String layer,
        @Schema(pattern = ExperimentInput.NAME_PATTERN, description = "Hashed with the user id to choose the"
                + " variant; defaults to the experiment id", examples = "ranker-2026-11") String salt,
        @Schema(enumeration = {
                "draft", "running", "stopped"}, defaultValue = "draft",
                description = "Only a running experiment"
                        + " assigns users. draft may become running or stopped, running only stopped; stopped is"
                        + " final") String status,
        @Schema(minimum = "0", maximum = "1", defaultValue = "1", description = "Share of the layer's users in the"
                + " experiment", examples = "0.1") Double coverage,
        @Schema(minimum = "0", maximum = "" + (Bucketing.BUCKETS - 1), defaultValue = "0", description = "First of"
                + " the layer's 10,000 buckets the experiment owns") Integer offset,
        @Schema(required = true, minItems = 2, maxItems = ExperimentValidator.MAX_VARIANTS, description = "2 to 20"
                + " variants with distinct names; the first is the control") List<VariantInput> variants,
        @Schema(minimum = "0", description = "The revision this change is based on (optional): a stale one is"
                + " refused with 409", examples = "3") Long revision){

    /** Layers, salts: letters, digits, '.', '_' and '-' (what {@link ExperimentValidator} accepts). */
    static final String NAME_PATTERN = "^[A-Za-z0-9_.-]{1,64}$";
    /** Experiment ids and variant names: letters, digits, '_' and '-' (what {@link ExperimentValidator} accepts). */
    public static final String ID_PATTERN = "^[A-Za-z0-9_-]{1,64}$";

    /**
     * One variant.
     *
     * @param name unique in the experiment
     * @param weight relative share of users (default 1)
     * @param params parameters; in the {@code recommend} layer only the pipeline's (see the README)
     */
    @Schema(name = "VariantInput", description = "One variant")
    public record VariantInput(
            @Schema(required = true, pattern = ID_PATTERN, description = "Unique in the experiment",
                    examples = "control") String name,
            @Schema(exclusiveMinimum = true, minimum = "0", defaultValue = "1", description = "Relative share of"
                    + " users", examples = "50") Double weight,
            @Schema(description = "In the layer recommend only the pipeline's parameters (model.version,"
                    + " recall.<source>.quota, rerank.*; see the README), each within its range. In other layers,"
                    + " at most 50 parameters the app reads from ab-assign: names of 1 to 64 letters, digits, '.',"
                    + " '_' or '-', values strings of at most 1000 characters, finite numbers or booleans",
                    examples = "{\"rerank.diversity.max-per-category\": 2}") Map<String, Object> params) {
    }
}
