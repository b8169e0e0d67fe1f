package io.vitrine.api;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vitrine.catalog.CatalogStore;
import io.vitrine.catalog.UserProfile;
import io.vitrine.catalog.UserProfileInput;
import io.vitrine.validation.FieldViolation;
import io.vitrine.validation.Fields;
import io.vitrine.validation.ValidationException;

/** Admin: optional user profiles. */
@Path("/v1/users")
@Tag(name = "catalog")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
    private final CatalogStore catalog;

    public UserResource(CatalogStore catalog) {
        this.catalog = catalog;
    }

    @PUT
    @Path("/{userId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "upsertUser", summary = "Create or replace a user profile")
    @APIResponse(responseCode = "200", description = "Stored",
            content = @Content(schema = @Schema(implementation = UserProfileInput.class)))
    @APIResponse(responseCode = "400", description = "Invalid profile",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public UserProfileInput upsert(@PathParam("userId") @Size(max = Fields.MAX_ID_LENGTH) String userId,
            UserProfileInput body) {
        List<FieldViolation> violations = new ArrayList<>();
        if (body == null) {
            throw new ValidationException("Invalid profile",
                    List.of(new FieldViolation("", "must be a profile object")));
        }
        if (body.userId() != null && !body.userId().equals(userId)) {
            violations.add(new FieldViolation("userId", "must match the userId in the path"));
        }
        UserProfileInput input = new UserProfileInput(userId, body.device(), body.location(), body.signupAt());
        UserProfile profile = input.validate(violations);
        if (!violations.isEmpty()) {
            throw new ValidationException("Invalid profile; nothing was stored", violations);
        }
        catalog.upsertUsers(List.of(profile));
        return input;
    }
}
