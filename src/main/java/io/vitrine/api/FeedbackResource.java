package io.vitrine.api;

import java.util.ArrayList;
import java.util.Collections;
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
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vitrine.config.VitrineConfig;
import io.vitrine.feedback.FeedbackService;
import io.vitrine.validation.FieldViolation;
import io.vitrine.validation.ValidationException;
import io.vitrine.wire.EventInput;

/** {@code POST /v1/feedback}: one event or a batch of events. */
@Path("/v1/feedback")
@Tag(name = "feedback")
@SecurityRequirementsSet({@SecurityRequirement(name = ApiDocument.API_KEY)})
@SecurityRequirementsSet({@SecurityRequirement(name = ApiDocument.API_KEY),
        @SecurityRequirement(name = ApiDocument.USER_TOKEN)})
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED_USER)
@APIResponse(responseCode = "403", ref = ApiDocument.NOT_THE_SUBJECT)
@APIResponse(responseCode = "406", ref = ApiDocument.NOT_ACCEPTABLE)
@APIResponse(responseCode = "429", ref = ApiDocument.RATE_LIMITED)
@APIResponse(responseCode = "500", ref = ApiDocument.INTERNAL)
public class FeedbackResource {
    private final FeedbackService feedback;
    private final ObjectMapper mapper;
    private final int maxBatchSize;
    private final UserTokens userTokens;
    private final Counter accepted;
    private final Counter duplicates;

    public FeedbackResource(FeedbackService feedback, ObjectMapper mapper, VitrineConfig config,
            UserTokens userTokens, MeterRegistry meters) {
        this.accepted = Counter.builder("vitrine.feedback.events")
                .description("feedback events stored (accepted) or recognised as retries (duplicate)")
                .tag("result", "accepted")
                .register(meters);
        this.duplicates = Counter.builder("vitrine.feedback.events")
                .description("feedback events stored (accepted) or recognised as retries (duplicate)")
                .tag("result", "duplicate")
                .register(meters);
        this.feedback = feedback;
        this.mapper = mapper;
        this.maxBatchSize = config.feedback().maxBatchSize();
        this.userTokens = userTokens;
    }

    @POST
    @PublicApi
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendFeedback", summary = "Record user events",
            description = "One event, or {\"events\": [...]} with at most 500. A batch is validated whole: if any event"
                    + " is invalid nothing is stored and the 400 lists every invalid field. Retried events (same"
                    + " eventId) are counted once. 202 means every event is in the event log; on 503 none is, and"
                    + " the call may be retried as it is.")
    @RequestBody(required = true, content = @Content(schema = @Schema(oneOf = {EventInput.class,
            FeedbackBatch.class})))
    @APIResponse(responseCode = "202", description = "Every event is stored (or was before)",
            content = @Content(schema = @Schema(implementation = FeedbackResponse.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.INVALID)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public RestResponse<FeedbackResponse> send(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ValidationException("Invalid body",
                    List.of(new FieldViolation("", "must be an event object or {\"events\": [...]}")));
        }
        List<FieldViolation> typeErrors = new ArrayList<>();
        boolean batch = body.has("events");
        List<EventInput> inputs = batch
                ? JsonInputs.readBatch(mapper, body, "events", maxBatchSize, EventInput.class, typeErrors)
                : Collections.singletonList(JsonInputs.read(mapper, body, EventInput.class, "", typeErrors));
        userTokens.requireSubjects(inputs.stream().map(e -> e == null ? null : e.userId()).toList(),
                i -> batch ? "events[" + i + "].userId" : "userId");
        FeedbackService.Result result = feedback.ingest(inputs, batch, typeErrors);
        accepted.increment(result.accepted());
        duplicates.increment(result.duplicates());
        return RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED,
                new FeedbackResponse(result.accepted(), result.duplicates())).build();
    }

    /**
     * A batch of events.
     *
     * @param events 1 to 500 events
     */
    @Schema(name = "FeedbackBatch", description = "Several events, validated whole: one invalid event and nothing is"
            + " stored")
    public record FeedbackBatch(
            @Schema(required = true, minItems = 1, maxItems = FeedbackBatch.MAX_EVENTS, description = "1 to 500 events"
                    + " (vitrine.feedback.max-batch-size)") List<EventInput> events) {
        /** The default of {@code vitrine.feedback.max-batch-size}. */
        static final int MAX_EVENTS = 500;
    }

    /**
     * What was stored.
     *
     * @param accepted events stored by this call
     * @param duplicates events already stored before (retries), or repeated within the batch
     */
    @Schema(name = "FeedbackResponse", description = "What was stored")
    public record FeedbackResponse(
            @Schema(required = true, minimum = "0", description = "Events stored by this call",
                    examples = "1") int accepted,
            @Schema(required = true, minimum = "0", description = "Events stored before (retries with the same"
                    + " eventId) or repeated within the batch; not stored again", examples = "0") int duplicates) {
    }
}
