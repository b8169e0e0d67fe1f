package io.vitrine.api;

import java.time.Instant;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.vitrine.model.ModelBundle;
import io.vitrine.model.ModelRegistry;

/** Admin: which model bundle is served, and a reload that does not wait for the poll interval. */
@Path("/v1/model")
@Tag(name = "model")
@SecurityRequirement(name = ApiDocument.API_KEY)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.ADMIN_ONLY)
@APIResponse(responseCode = "406", ref = ApiDocument.NOT_ACCEPTABLE)
@APIResponse(responseCode = "429", ref = ApiDocument.RATE_LIMITED)
@APIResponse(responseCode = "500", ref = ApiDocument.INTERNAL)
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {
    private final ModelRegistry registry;

    public ModelResource(ModelRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Operation(operationId = "getModelStatus", summary = "The served model bundle and the last check of LATEST")
    @APIResponse(responseCode = "200", description = "The model status",
            content = @Content(schema = @Schema(implementation = ModelStatus.class)))
    public ModelStatus status() {
        return ModelStatus.of(registry);
    }

    @POST
    @Path("/reload")
    @Operation(operationId = "reloadModel", summary = "Check LATEST now and swap to it if it verifies",
            description = "Also retries a version that was refused before. A bundle that does not verify, or a store"
                    + " that cannot be read, is reported in lastError while the current model keeps serving.")
    @APIResponse(responseCode = "200", description = "The model status after the check",
            content = @Content(schema = @Schema(implementation = ModelStatus.class)))
    public ModelStatus reload() {
        registry.reload();
        return ModelStatus.of(registry);
    }

    /**
     * Model status.
     *
     * @param version the served bundle version, or null when no model is loaded
     * @param createdAt when the served bundle was published
     * @param loadedAt when this instance loaded it
     * @param lastCheckAt when LATEST was last checked
     * @param latestVersion what LATEST named then
     * @param lastError why that version is not served (refused or store unavailable), or null
     * @param metrics validation metrics of the served bundle
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ModelStatus", description = "Which model bundle this instance serves; absent fields are unknown"
            + " (no model loaded, LATEST not checked yet)")
    public record ModelStatus(
            @Schema(description = "The served bundle version; absent when no model is loaded",
                    examples = "20261126T101530123Z") String version,
            @Schema(format = "date-time", description = "When the served bundle was published",
                    examples = "2026-11-26T10:15:30.123Z") String createdAt,
            @Schema(implementation = String.class, format = "date-time", description = "When this instance loaded it",
                    examples = "2026-11-26T10:16:02.5Z") Instant loadedAt,
            @Schema(implementation = String.class, format = "date-time", description = "When LATEST was last checked",
                    examples = "2026-11-26T10:16:02.5Z") Instant lastCheckAt,
            @Schema(description = "What LATEST named then", examples = "20261126T101530123Z") String latestVersion,
            @Schema(description = "Why that version is not served (refused, or the store unavailable)",
                    examples = "no bundle published under the model URI yet") String lastError,
            @Schema(description = "Validation metrics of the served bundle",
                    examples = "{\"auc\": 0.81}") Map<String, Double> metrics) {

        static ModelStatus of(ModelRegistry registry) {
            ModelRegistry.Status s = registry.status();
            ModelBundle bundle = registry.current().orElse(null);
            return new ModelStatus(s.version(), bundle == null ? null : bundle.manifest().createdAt(), s.loadedAt(),
                    s.lastCheckAt(), s.latestVersion(), s.lastError(),
                    bundle == null ? null : bundle.manifest().metrics());
        }
    }
}
