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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vitrine.config.VitrineConfig;
import io.vitrine.event.EventInput;
import io.vitrine.event.FeedbackService;
import io.vitrine.validation.FieldViolation;
import io.vitrine.validation.ValidationException;

/** {@code POST /v1/feedback}: one event or a batch of events. */
@Path("/v1/feedback")
@Tag(name = "feedback")
public class FeedbackResource {
    private final FeedbackService feedback;
    private final ObjectMapper mapper;
    private final int maxBatchSize;

    public FeedbackResource(FeedbackService feedback, ObjectMapper mapper, VitrineConfig config) {
        this.feedback = feedback;
        this.mapper = mapper;
        this.maxBatchSize = config.feedback().maxBatchSize();
    }

    @POST
    @PublicApi
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendFeedback", summary = "Record user events",
            description = "One event, or {\"events\": [...]} with at most 500. A batch is validated whole: if any event"
                    + " is invalid nothing is stored and the 400 lists every invalid field. Retried events (same"
                    + " eventId) are counted once.")
    @RequestBody(required = true, content = @Content(schema = @Schema(oneOf = {EventInput.class,
            FeedbackBatch.class})))
    @APIResponse(responseCode = "202", description = "Stored",
            content = @Content(schema = @Schema(implementation = FeedbackResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid events; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Event store unavailable; nothing stored, retry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
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
        FeedbackService.Result result = feedback.ingest(inputs, batch, typeErrors);
        return RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED,
                new FeedbackResponse(result.accepted(), result.duplicates())).build();
    }

    /**
     * A batch of events.
     *
     * @param events 1 to 500 events
     */
    public record FeedbackBatch(List<EventInput> events) {
    }

    /**
     * What was stored.
     *
     * @param accepted events stored by this call
     * @param duplicates events already stored before (retries), or repeated within the batch
     */
    public record FeedbackResponse(int accepted, int duplicates) {
    }
}
