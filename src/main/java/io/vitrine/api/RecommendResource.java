package io.vitrine.api;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vitrine.recommend.RecommendInput;
import io.vitrine.recommend.RecommendRequest;
import io.vitrine.recommend.RecommendResponse;
import io.vitrine.recommend.RecommendService;
import io.vitrine.validation.FieldViolation;

/** {@code POST /v1/recommend}: what to show a user. */
@Path("/v1/recommend")
@Tag(name = "recommend")
public class RecommendResource {
    private final RecommendService recommend;
    private final ObjectMapper mapper;

    public RecommendResource(RecommendService recommend, ObjectMapper mapper) {
        this.recommend = recommend;
        this.mapper = mapper;
    }

    @POST
    @PublicApi
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recommend", summary = "Recommend items to a user",
            description = "Recall from several named sources, rank with the served model, re-rank for diversity."
                    + " Answers 200 with degraded=true from a fallback list when the feature store is unavailable.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RecommendInput.class)))
    @APIResponse(responseCode = "200", description = "The list",
            content = @Content(schema = @Schema(implementation = RecommendResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RecommendResponse recommend(JsonNode body) {
        List<FieldViolation> typeErrors = new ArrayList<>();
        RecommendInput input = JsonInputs.read(mapper, body, RecommendInput.class, "", typeErrors);
        return recommend.recommend(RecommendRequest.of(input, typeErrors));
    }
}
