package io.vitrine.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vitrine.abtest.ExperimentService;
import io.vitrine.experiment.Experiment;
import io.vitrine.experiment.ExperimentReport;
import io.vitrine.validation.FieldViolation;
import io.vitrine.wire.ExperimentInput;

/** Admin: experiment definitions and reports. */
@Path("/v1/experiments")
@Tag(name = "experiments")
@SecurityRequirement(name = ApiDocument.API_KEY)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.ADMIN_ONLY)
@APIResponse(responseCode = "406", ref = ApiDocument.NOT_ACCEPTABLE)
@APIResponse(responseCode = "429", ref = ApiDocument.RATE_LIMITED)
@APIResponse(responseCode = "500", ref = ApiDocument.INTERNAL)
@Produces(MediaType.APPLICATION_JSON)
public class ExperimentResource {
    private static final String EXPERIMENT_ID = "The experiment id (at most 64 characters)";
    private final ExperimentService experiments;
    private final ObjectMapper mapper;

    public ExperimentResource(ExperimentService experiments, ObjectMapper mapper) {
        this.experiments = experiments;
        this.mapper = mapper;
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putExperiment", summary = "Create or change an experiment",
            description = "A running experiment's layer, salt, offset and variants are fixed (409 otherwise); only its"
                    + " coverage and status may change, so no assigned user moves. Running experiments of one layer"
                    + " need disjoint bucket ranges. Send the revision you read to refuse lost updates.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ExperimentInput.class)))
    @APIResponse(responseCode = "200", description = "Stored",
            content = @Content(schema = @Schema(implementation = ExperimentView.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.INVALID)
    @APIResponse(responseCode = "409", description = "The change would move assigned users, overlaps another running"
            + " experiment of the layer, is not a permitted status change, or is based on a stale revision; nothing"
            + " stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public ExperimentView put(@PathParam("id") @Parameter(description = "The experiment id: 1 to 64 letters, digits,"
            + " '_' or '-'",
            schema = @Schema(type = SchemaType.STRING, pattern = ExperimentInput.ID_PATTERN,
                    maxLength = 64),
            example = "ranker-2026-11") @Size(max = 64) String id, JsonNode body) {
        List<FieldViolation> typeErrors = new ArrayList<>();
        ExperimentInput input = JsonInputs.read(mapper, body, ExperimentInput.class, "", typeErrors);
        if (input == null) {
            throw new io.vitrine.validation.ValidationException("Invalid experiment", typeErrors.isEmpty()
                    ? List.of(new FieldViolation("", "must be an experiment object"))
                    : typeErrors);
        }
        return ExperimentView.of(experiments.put(id, input, typeErrors));
    }

    @GET
    @Operation(operationId = "listExperiments", summary = "Every experiment")
    @APIResponse(responseCode = "200", description = "The experiments",
            content = @Content(schema = @Schema(implementation = ExperimentView.class,
                    type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public List<ExperimentView> list() {
        return experiments.list().stream().map(ExperimentView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getExperiment", summary = "One experiment")
    @APIResponse(responseCode = "200", description = "The experiment",
            content = @Content(schema = @Schema(implementation = ExperimentView.class)))
    @APIResponse(responseCode = "404", description = "Unknown experiment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.INVALID)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public ExperimentView get(
            @PathParam("id") @Parameter(description = EXPERIMENT_ID, example = "ranker-2026-11") @Size(
                    max = 64) String id) {
        return experiments.get(id).map(ExperimentView::of).orElseThrow(() -> unknown(id));
    }

    @DELETE
    @Path("/{id}")
    // No body on success, so a client may accept only the problem documents of the errors.
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "deleteExperiment", summary = "Delete a draft or stopped experiment and its report")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "Unknown experiment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The experiment is running (stop it first), or changed"
            + " concurrently",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.INVALID)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public RestResponse<Void> delete(
            @PathParam("id") @Parameter(description = EXPERIMENT_ID, example = "ranker-2026-11") @Size(
                    max = 64) String id) {
        if (!experiments.delete(id)) {
            throw unknown(id);
        }
        return RestResponse.noContent();
    }

    @GET
    @Path("/{id}/report")
    @Operation(operationId = "getExperimentReport", summary = "Per-variant results with intervals and p-values",
            description = "Users, impressions, clicks, add-to-carts, purchases and revenue per variant; CTR (clicks"
                    + " per impression) and CVR (buyers per user) with Wilson 95% intervals and two-proportion"
                    + " p-values against the control; revenue per user with a 95% interval and Welch's p-value; and"
                    + " the sample-ratio-mismatch check.")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(schema = @Schema(implementation = ExperimentReport.class)))
    @APIResponse(responseCode = "404", description = "Unknown experiment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.INVALID)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public ExperimentReport report(
            @PathParam("id") @Parameter(description = EXPERIMENT_ID, example = "ranker-2026-11") @Size(
                    max = 64) String id) {
        return experiments.report(id).orElseThrow(() -> unknown(id));
    }

    private static NotFoundException unknown(String id) {
        return new NotFoundException("No experiment " + id);
    }

    /**
     * An experiment as stored.
     *
     * @param id the experiment id
     * @param layer its layer
     * @param salt hashed with the user id to choose the variant
     * @param status draft, running or stopped
     * @param coverage share of the layer's users in the experiment
     * @param offset first of the layer's buckets it owns
     * @param variants the variants, the control first
     * @param revision send it back with a change to refuse lost updates
     * @param updatedAt when it last changed
     */
    @Schema(name = "Experiment", description = "An experiment as stored")
    public record ExperimentView(@Schema(required = true, examples = "ranker-2026-11") String id,
            @Schema(required = true, examples = "recommend") String layer,
            @Schema(required = true, examples = "ranker-2026-11") String salt,
            @Schema(required = true, enumeration = {
                    "draft", "running", "stopped"}) String status,
            @Schema(required = true, minimum = "0", maximum = "1", examples = "0.1") double coverage,
            @Schema(required = true, minimum = "0", maximum = "9999", examples = "0") int offset,
            @Schema(required = true, description = "The variants, the control first") List<VariantView> variants,
            @Schema(required = true, minimum = "1", description = "Send it back with a change to refuse lost updates",
                    examples = "3") long revision,
            @Schema(required = true, implementation = String.class, format = "date-time",
                    description = "When it last changed", examples = "2026-11-26T10:15:30.123Z") Instant updatedAt){

        static ExperimentView of(Experiment e) {
            return new ExperimentView(e.id(), e.layer(), e.salt(), e.status().wireName(), e.coverage(), e.offset(),
                    e.variants().stream().map(v -> new VariantView(v.name(), v.weight(), v.params())).toList(),
                    e.revision(), e.updatedAt());
        }
    }

    /**
     * A variant.
     *
     * @param name its name
     * @param weight its relative share of users
     * @param params its parameters
     */
    @Schema(name = "Variant", description = "A variant as stored")
    public record VariantView(@Schema(required = true, examples = "control") String name,
            @Schema(required = true, exclusiveMinimum = true, minimum = "0", description = "Relative share of users",
                    examples = "50") double weight,
            @Schema(required = true, description = "Its parameters",
                    examples = "{\"rerank.diversity.max-per-category\": 2}") Map<String, Object> params) {
    }
}
