package io.vitrine.api;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vitrine.catalog.UserProfile;
import io.vitrine.port.CatalogStore;
import io.vitrine.port.FeatureStore;
import io.vitrine.validation.FieldViolation;
import io.vitrine.validation.Fields;
import io.vitrine.validation.ValidationException;
import io.vitrine.wire.UserProfileInput;

/** Admin: optional user profiles, and erasure of everything kept about a user. */
@Path("/v1/users")
@Tag(name = "catalog")
@SecurityRequirement(name = ApiDocument.API_KEY)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.ADMIN_ONLY)
@APIResponse(responseCode = "406", ref = ApiDocument.NOT_ACCEPTABLE)
@APIResponse(responseCode = "429", ref = ApiDocument.RATE_LIMITED)
@APIResponse(responseCode = "500", ref = ApiDocument.INTERNAL)
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
    /** Erasures are logged here, one line each: which key (fingerprint), which user, when. */
    private static final Logger AUDIT = Logger.getLogger("io.vitrine.audit");
    private static final String USER_ID = "The user id: at most 128 characters, not blank, no control characters";

    private final CatalogStore catalog;
    private final FeatureStore features;
    private final ObjectMapper mapper;
    private final Caller caller;
    private final Clock clock;

    public UserResource(CatalogStore catalog, FeatureStore features, ObjectMapper mapper, Caller caller,
            Clock clock) {
        this.catalog = catalog;
        this.features = features;
        this.mapper = mapper;
        this.caller = caller;
        this.clock = clock;
    }

    @PUT
    @Path("/{userId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "upsertUser", summary = "Create or replace a user profile")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = UserProfileInput.class)))
    @APIResponse(responseCode = "200", description = "Stored; the profile as sent, with the path's userId",
            content = @Content(schema = @Schema(implementation = UserProfileInput.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.INVALID)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public UserProfileInput upsert(@PathParam("userId") @Parameter(description = USER_ID, example = "u-42") @Size(
            max = Fields.MAX_ID_LENGTH) String userId,
            JsonNode json) {
        // Bound from a tree like every other body, so wrongly typed fields are field violations in a problem document
        // (binding the record directly let the framework answer a bare or non-problem 400).
        List<FieldViolation> violations = new ArrayList<>();
        UserProfileInput body = JsonInputs.read(mapper, json, UserProfileInput.class, "", violations);
        if (body == null) {
            throw new ValidationException("Invalid profile", violations);
        }
        if (body.userId() != null && !body.userId().equals(userId)) {
            violations.add(new FieldViolation("userId", "must match the userId in the path"));
        }
        UserProfileInput input = new UserProfileInput(userId, body.device(), body.location(), body.signupAt());
        List<FieldViolation> own = new ArrayList<>();
        UserProfile profile = input.validate(own);
        List<FieldViolation> typeErrors = List.copyOf(violations);
        own.stream().filter(v -> typeErrors.stream().noneMatch(v::overlaps)).forEach(violations::add);
        if (!violations.isEmpty()) {
            throw new ValidationException("Invalid profile; nothing was stored", violations);
        }
        catalog.upsertUsers(List.of(profile));
        return input;
    }

    @DELETE
    @Path("/{userId}")
    // No body on success, so a client may accept only the problem documents of the errors.
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "eraseUser", summary = "Erase everything kept about a user",
            description = "Removes the user's profile, online features and recent and purchased items; recommend then"
                    + " treats the user as unknown. Idempotent. Audited in the log (key fingerprint, user, time)."
                    + " Events already in the event log are not erased (see the README on erasure).")
    @APIResponse(responseCode = "204", description = "Erased, or nothing was kept")
    @APIResponse(responseCode = "400", ref = ApiDocument.INVALID)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public RestResponse<Void> erase(@PathParam("userId") @Parameter(description = USER_ID, example = "u-42") @Size(
            max = Fields.MAX_ID_LENGTH) String userId) {
        List<FieldViolation> violations = new ArrayList<>();
        Fields.requireId(userId, "userId", violations);
        if (!violations.isEmpty()) {
            throw new ValidationException("Invalid user id; nothing was erased", violations);
        }
        // A valid id has no control characters, so it cannot forge audit lines.
        boolean existed = features.eraseUser(userId);
        AUDIT.infof("user erased: userId=%s existed=%s by=%s at=%s", userId, existed, caller.fingerprint(),
                clock.instant());
        return RestResponse.noContent();
    }
}
