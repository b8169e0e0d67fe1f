package io.vitrine.validation;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * OpenAPI schemas of the elements of request arrays. MicroProfile OpenAPI's {@code @Schema} cannot annotate a list's
 * element type, so an array of ids says
 * {@code @Schema(type = SchemaType.ARRAY, implementation = ElementSchemas.Id.class)} and its elements get these
 * constraints in the document. Documentation only: the validators enforce the rules.
 */
public final class ElementSchemas {
    private ElementSchemas() {
    }

    /** An identifier, as {@link Fields#requireId} accepts it. */
    @Schema(name = "Id", type = SchemaType.STRING, minLength = 1, maxLength = Fields.MAX_ID_LENGTH,
            description = "An identifier: 1 to 128 characters, not blank, no control characters", examples = "p-1001")
    public static final class Id {
        private Id() {
        }
    }
}
