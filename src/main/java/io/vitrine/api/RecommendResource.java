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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vitrine.abtest.ExperimentService;
import io.vitrine.pipeline.RecommendRequest;
import io.vitrine.recommend.RecommendService;
import io.vitrine.recommend.Recommendation;
import io.vitrine.validation.FieldViolation;
import io.vitrine.wire.RecommendInput;
import io.vitrine.wire.RecommendResponse;

/** {@code POST /v1/recommend}: what to show a user. */
@Path("/v1/recommend")
@Tag(name = "recommend")
@SecurityRequirementsSet({@SecurityRequirement(name = ApiDocument.API_KEY)})
@SecurityRequirementsSet({@SecurityRequirement(name = ApiDocument.API_KEY),
        @SecurityRequirement(name = ApiDocument.USER_TOKEN)})
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED_USER)
@APIResponse(responseCode = "403", ref = ApiDocument.NOT_THE_SUBJECT)
@APIResponse(responseCode = "406", ref = ApiDocument.NOT_ACCEPTABLE)
@APIResponse(responseCode = "429", ref = ApiDocument.RATE_LIMITED)
@APIResponse(responseCode = "500", ref = ApiDocument.INTERNAL)
public class RecommendResource {
    private final RecommendService recommend;
    private final ExperimentService experiments;
    private final ObjectMapper mapper;
    private final UserTokens userTokens;
    private final RequestArrival arrival;
    private final Counter answers;
    private final Counter degraded;

    public RecommendResource(RecommendService recommend, ExperimentService experiments, ObjectMapper mapper,
            UserTokens userTokens, RequestArrival arrival, MeterRegistry meters) {
        this.arrival = arrival;
        this.answers = Counter.builder("vitrine.recommend.answers")
                .description("recommend answers, degraded or not")
                .register(meters);
        this.degraded = Counter.builder("vitrine.recommend.degraded")
                .description("recommend answers served from the fallback list (store down or slow, or overload)")
                .register(meters);
        this.recommend = recommend;
        this.experiments = experiments;
        this.mapper = mapper;
        this.userTokens = userTokens;
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
    @APIResponse(responseCode = "400", ref = ApiDocument.INVALID)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    public RecommendResponse recommend(JsonNode body) {
        List<FieldViolation> typeErrors = new ArrayList<>();
        RecommendInput input = JsonInputs.read(mapper, body, RecommendInput.class, "", typeErrors);
        userTokens.requireSubject(input == null ? null : input.userId());
        RecommendRequest request = RecommendInput.validate(input, typeErrors);
        Recommendation answer = recommend.recommend(request, experiments.treatment(request.userId()),
                arrival.nanos());
        answers.increment();
        if (answer.degraded()) {
            degraded.increment();
        }
        return RecommendResponse.of(answer, request.explain());
    }
}
