package io.vitrine.api;

import java.util.List;

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
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldViolation> errors) {

    /** The media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(String slug, String title, int status, String detail, String instance) {
        return new Problem("urn:vitrine:problem:" + slug, title, status, detail, instance, null);
    }

    public static Problem validation(String detail, String instance, List<FieldViolation> errors) {
        return new Problem("urn:vitrine:problem:validation", "Invalid request", 400, detail, instance, errors);
    }
}
