package io.vitrine.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vitrine.catalog.Item;
import io.vitrine.port.CatalogStore;
import io.vitrine.validation.FieldViolation;
import io.vitrine.validation.Fields;
import io.vitrine.validation.ValidationException;
import io.vitrine.wire.ItemInput;
import io.vitrine.wire.ItemValidator;

/** Admin: the item catalog. */
@Path("/v1/items")
@Tag(name = "catalog")
@SecurityRequirement(name = ApiDocument.API_KEY)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.ADMIN_ONLY)
@APIResponse(responseCode = "406", ref = ApiDocument.NOT_ACCEPTABLE)
@APIResponse(responseCode = "429", ref = ApiDocument.RATE_LIMITED)
@APIResponse(responseCode = "500", ref = ApiDocument.INTERNAL)
@Produces(MediaType.APPLICATION_JSON)
public class ItemResource {
    private static final String ITEM_ID = "The item id: at most 128 characters, no control characters";
    private final CatalogStore catalog;
    private final ObjectMapper mapper;

    public ItemResource(CatalogStore catalog, ObjectMapper mapper) {
        this.catalog = catalog;
        this.mapper = mapper;
    }

    @PUT
    @Path("/{itemId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "upsertItem", summary = "Create or replace an item",
            description = "Fields left out take their defaults: the item is replaced, not merged.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ItemInput.class)))
    @APIResponse(responseCode = "200", description = "Stored; the item as it now reads",
            content = @Content(schema = @Schema(implementation = ItemInput.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.INVALID)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public ItemInput upsert(@PathParam("itemId") @Parameter(description = ITEM_ID, example = "p-1001") @Size(
            max = Fields.MAX_ID_LENGTH) String itemId, JsonNode json) {
        List<FieldViolation> violations = new ArrayList<>();
        ItemInput body = JsonInputs.read(mapper, json, ItemInput.class, "", violations);
        if (body == null) {
            throw new ValidationException("Invalid item", violations);
        }
        if (body.itemId() != null && !body.itemId().equals(itemId)) {
            violations.add(new FieldViolation("itemId", "must match the itemId in the path"));
        }
        List<FieldViolation> own = new ArrayList<>();
        Item item = ItemValidator.validate(body.withItemId(itemId), own);
        List<FieldViolation> typeErrors = List.copyOf(violations);
        own.stream().filter(v -> typeErrors.stream().noneMatch(v::overlaps)).forEach(violations::add);
        if (!violations.isEmpty()) {
            throw new ValidationException("Invalid item; nothing was stored", violations);
        }
        catalog.upsertItems(List.of(item));
        return ItemInput.of(item);
    }

    @GET
    @Path("/{itemId}")
    @Operation(operationId = "getItem", summary = "Read an item")
    @APIResponse(responseCode = "200", description = "The item",
            content = @Content(schema = @Schema(implementation = ItemInput.class)))
    @APIResponse(responseCode = "404", description = "No item with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.INVALID)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public ItemInput get(@PathParam("itemId") @Parameter(description = ITEM_ID, example = "p-1001") @Size(
            max = Fields.MAX_ID_LENGTH) String itemId) {
        Map<String, Item> found = catalog.items(List.of(itemId));
        Item item = found.get(itemId);
        if (item == null) {
            throw new NotFoundException("No item " + itemId);
        }
        return ItemInput.of(item);
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "upsertItems", summary = "Create or replace up to 1000 items",
            description = "All or nothing: if any item is invalid, none is stored and the 400 lists every field.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ItemBatch.class)))
    @APIResponse(responseCode = "200", description = "Stored",
            content = @Content(schema = @Schema(implementation = UpsertResponse.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.INVALID)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public UpsertResponse upsertBatch(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ValidationException("Invalid body",
                    List.of(new FieldViolation("", "must be {\"items\": [...]}")));
        }
        List<FieldViolation> typeErrors = new ArrayList<>();
        List<ItemInput> inputs = JsonInputs.readBatch(mapper, body, "items", ItemValidator.MAX_BATCH_SIZE,
                ItemInput.class, typeErrors);
        List<Item> items = ItemValidator.validateBatch(inputs, typeErrors);
        catalog.upsertItems(items);
        return new UpsertResponse(items.size());
    }

    /**
     * A batch of items.
     *
     * @param items 1 to 1000 items
     */
    @Schema(name = "ItemBatch", description = "Items to create or replace, all or nothing")
    public record ItemBatch(@Schema(required = true, minItems = 1, maxItems = ItemValidator.MAX_BATCH_SIZE,
            description = "1 to 1000 items, each with its itemId") List<ItemInput> items) {
    }

    /**
     * The result of a batch upsert.
     *
     * @param upserted how many items were stored
     */
    @Schema(name = "UpsertResponse", description = "The result of a batch upsert")
    public record UpsertResponse(@Schema(required = true, minimum = "1", description = "How many items were stored",
            examples = "2") int upserted) {
    }
}
