package io.vitrine.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vitrine.abtest.ExperimentService;
import io.vitrine.validation.ElementSchemas;
import io.vitrine.validation.FieldViolation;
import io.vitrine.validation.Fields;
import io.vitrine.validation.ValidationException;

/** {@code POST /v1/ab-assign}: which variant of each experiment a user is in. */
@Path("/v1/ab-assign")
@Tag(name = "experiments")
@SecurityRequirementsSet({@SecurityRequirement(name = ApiDocument.API_KEY)})
@SecurityRequirementsSet({@SecurityRequirement(name = ApiDocument.API_KEY),
        @SecurityRequirement(name = ApiDocument.USER_TOKEN)})
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED_USER)
@APIResponse(responseCode = "403", ref = ApiDocument.NOT_THE_SUBJECT)
@APIResponse(responseCode = "406", ref = ApiDocument.NOT_ACCEPTABLE)
@APIResponse(responseCode = "429", ref = ApiDocument.RATE_LIMITED)
@APIResponse(responseCode = "500", ref = ApiDocument.INTERNAL)
public class AbAssignResource {
    /** Most experiment ids in one call. */
    static final int MAX_EXPERIMENTS = 100;

    private final ExperimentService experiments;
    private final ObjectMapper mapper;
    private final UserTokens userTokens;

    public AbAssignResource(ExperimentService experiments, ObjectMapper mapper, UserTokens userTokens) {
        this.experiments = experiments;
        this.mapper = mapper;
        this.userTokens = userTokens;
    }

    @POST
    @PublicApi
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "abAssign", summary = "A user's experiment variants",
            description = "Deterministic: MurmurHash3 of the layer and of the salt with the user id (see the README"
                    + " for the exact recipe and test vectors). Lists the user's variant of each running experiment"
                    + " asked for (or of every running one) that covers the user; unknown ids are reported, not an"
                    + " error.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AssignInput.class)))
    @APIResponse(responseCode = "200", description = "The assignments",
            content = @Content(schema = @Schema(implementation = AssignResponse.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.INVALID)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    public AssignResponse assign(JsonNode body) {
        List<FieldViolation> violations = new ArrayList<>();
        AssignInput input = JsonInputs.read(mapper, body, AssignInput.class, "", violations);
        if (input == null) {
            throw new ValidationException("Invalid request", violations.isEmpty()
                    ? List.of(new FieldViolation("", "must be {\"userId\": ..., \"experiments\": [...]}"))
                    : violations);
        }
        userTokens.requireSubject(input.userId());
        List<FieldViolation> own = new ArrayList<>();
        Fields.requireId(input.userId(), "userId", own);
        List<String> ids = input.experiments() == null ? List.of() : input.experiments();
        if (ids.size() > MAX_EXPERIMENTS) {
            own.add(new FieldViolation("experiments", "must have at most " + MAX_EXPERIMENTS + " ids"));
        } else {
            for (int i = 0; i < ids.size(); i++) {
                Fields.requireId(ids.get(i), "experiments[" + i + "]", own);
            }
        }
        List<FieldViolation> typeErrors = List.copyOf(violations);
        own.stream().filter(v -> typeErrors.stream().noneMatch(v::overlaps)).forEach(violations::add);
        if (!violations.isEmpty()) {
            throw new ValidationException("Invalid ab-assign request", violations);
        }
        ExperimentService.Assignments result = experiments.assign(input.userId(), ids);
        return new AssignResponse(input.userId(), result.assignments()
                .stream()
                .map(a -> new AssignmentView(a.experimentId(), a.variant(), a.params()))
                .toList(), result.unknownExperiments());
    }

    /**
     * The request.
     *
     * @param userId the user
     * @param experiments experiment ids to assign; absent or empty for every running experiment
     */
    @Schema(name = "AssignInput", description = "Whose variants, in which experiments")
    public record AssignInput(
            @Schema(required = true, minLength = 1, maxLength = Fields.MAX_ID_LENGTH, description = "The user (not"
                    + " blank, no control characters)", examples = "u-42") String userId,
            @Schema(type = SchemaType.ARRAY, implementation = ElementSchemas.Id.class, maxItems = MAX_EXPERIMENTS,
                    description = "Experiment ids; absent or empty for every running experiment",
                    examples = "[\"ranker-2026-11\"]") List<String> experiments) {
    }

    /**
     * The answer.
     *
     * @param userId the user
     * @param assignments the user's variant in each running experiment asked for that covers the user
     * @param unknownExperiments requested ids that name no experiment
     */
    @Schema(name = "AssignResponse", description = "The user's variants")
    public record AssignResponse(@Schema(required = true, examples = "u-42") String userId,
            @Schema(required = true, description = "The user's variant in each running experiment asked for that"
                    + " covers the user (an experiment with coverage below 1 leaves some users"
                    + " out)") List<AssignmentView> assignments,
            @Schema(required = true,
                    description = "Requested ids that name no experiment") List<String> unknownExperiments) {
    }

    /**
     * One assignment.
     *
     * @param experiment the experiment id
     * @param variant the variant's name
     * @param params the variant's parameters
     */
    @Schema(name = "Assignment", description = "The user's variant of one experiment")
    public record AssignmentView(@Schema(required = true, examples = "checkout-button") String experiment,
            @Schema(required = true, examples = "treatment") String variant,
            @Schema(required = true, description = "The variant's parameters: named strings, numbers or booleans",
                    examples = "{\"color\": \"green\"}") Map<String, Object> params) {
    }
}
