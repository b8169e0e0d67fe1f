package io.vitrine.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.vitrine.validation.FieldViolation;

/**
 * An RFC 7807 problem document.
 *
 * @param type a URI naming the kind of problem ({@code urn:vitrine:problem:validation})
 * @param title short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong in this request
 * @param instance the request path
 * @param errors for validation problems: every invalid field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "An RFC 9457 problem document (application/problem+json)")
public record Problem(
        @Schema(required = true, format = "uri",
                description = "The kind of problem: urn:vitrine:problem: and a name such as validation,"
                        + " unauthorized, forbidden, not-found, conflict, not-acceptable, payload-too-large,"
                        + " unsupported-media-type, rate-limited, unavailable or internal",
                examples = "urn:vitrine:problem:validation") String type,
        @Schema(required = true, description = "Short summary of the kind", examples = "Invalid request") String title,
        @Schema(required = true, minimum = "400", maximum = "599", description = "The HTTP status",
                examples = "400") int status,
        @Schema(description = "What went wrong in this request", examples = "Invalid recommend request") String detail,
        @Schema(description = "The request path", examples = "/v1/recommend") String instance,
        @Schema(description = "For validation problems (and a 403 naming other users): every invalid"
                + " field") List<FieldViolation> errors) {

    /** The media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(String slug, String title, int status, String detail, String instance) {
        return new Problem("urn:vitrine:problem:" + slug, title, status, detail, instance, null);
    }

    public static Problem validation(String detail, String instance, List<FieldViolation> errors) {
        return new Problem("urn:vitrine:problem:validation", "Invalid request", 400, detail, instance, errors);
    }
}
