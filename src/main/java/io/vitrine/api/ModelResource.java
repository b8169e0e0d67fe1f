package io.vitrine.api;

import java.time.Instant;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.vitrine.model.ModelBundle;
import io.vitrine.model.ModelRegistry;

/** Admin: which model bundle is served, and a reload that does not wait for the poll interval. */
@Path("/v1/model")
@Tag(name = "model")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {
    private final ModelRegistry registry;

    public ModelResource(ModelRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Operation(operationId = "getModelStatus", summary = "The served model bundle and the last check of LATEST")
    public ModelStatus status() {
        return ModelStatus.of(registry);
    }

    @POST
    @Path("/reload")
    @Operation(operationId = "reloadModel", summary = "Check LATEST now and swap to it if it verifies")
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
    public record ModelStatus(String version, String createdAt, Instant loadedAt, Instant lastCheckAt,
            String latestVersion, String lastError, Map<String, Double> metrics) {

        static ModelStatus of(ModelRegistry registry) {
            ModelRegistry.Status s = registry.status();
            ModelBundle bundle = registry.current().orElse(null);
            return new ModelStatus(s.version(), bundle == null ? null : bundle.manifest().createdAt(), s.loadedAt(),
                    s.lastCheckAt(), s.latestVersion(), s.lastError(),
                    bundle == null ? null : bundle.manifest().metrics());
        }
    }
}
