package io.vitrine.api;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Provider;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;

import io.vitrine.config.VitrineConfig;
import io.vitrine.experiment.ExperimentConflictException;
import io.vitrine.port.StoreUnavailableException;
import io.vitrine.validation.FieldViolation;
import io.vitrine.validation.ValidationException;

/** Maps every failure to {@code application/problem+json}; nothing a client sends leads to a 5xx or a stack trace. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final Provider<VitrineConfig> config;

    /** @param config resolved per use: mappers are built at static init, before runtime configuration exists */
    public ProblemMappers(Provider<VitrineConfig> config) {
        this.config = config;
    }

    @ServerExceptionMapper
    public RestResponse<Problem> validation(ValidationException e, UriInfo uri) {
        return problem(Problem.validation(e.getMessage(), path(uri), e.violations()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> constraints(ConstraintViolationException e, UriInfo uri) {
        return problem(Problem.validation("The request has invalid fields", path(uri), violations(e)));
    }

    /** The field violations of a parameter check, as the 400 problem lists them (the console shows the same). */
    public static List<FieldViolation> violations(ConstraintViolationException e) {
        return e.getConstraintViolations()
                .stream()
                .map(v -> new FieldViolation(leafPath(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
    }

    @ServerExceptionMapper({JsonParseException.class, StreamConstraintsException.class})
    public RestResponse<Problem> malformedJson(JsonProcessingException e, UriInfo uri) {
        return problem(Problem.validation("The body is not valid JSON", path(uri),
                List.of(new FieldViolation("", JsonInputs.shortMessage(e)))));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> wrongJsonType(JsonMappingException e, UriInfo uri) {
        return problem(Problem.validation("The body has fields of the wrong type", path(uri),
                List.of(JsonInputs.violation(e, ""))));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> conflict(ExperimentConflictException e, UriInfo uri) {
        return problem(Problem.of("conflict", "Conflict", 409, e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> storeUnavailable(StoreUnavailableException e, UriInfo uri) {
        LOG.warnf("Store unavailable on %s: %s", path(uri), e.getMessage());
        int retryAfterSeconds = config.get().feedback().retryAfterSeconds();
        return RestResponse.ResponseBuilder
                .create(RestResponse.Status.SERVICE_UNAVAILABLE, Problem.of("unavailable", "Service unavailable",
                        503, "A backing store is unavailable; nothing was stored. Retry after "
                                + retryAfterSeconds + " s.",
                        path(uri)))
                .type(Problem.MEDIA_TYPE)
                .header("Retry-After", retryAfterSeconds)
                .build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> bodyTooLarge(BodyTooLargeException e, UriInfo uri) {
        // The rest of the body is not read: close the connection rather than leave unread bytes on it.
        return RestResponse.ResponseBuilder
                .create(RestResponse.Status.fromStatusCode(413), Problem.of("payload-too-large",
                        "Payload too large", 413, e.getMessage() + "; at most " + e.maxBytes() + " are accepted",
                        path(uri)))
                .type(Problem.MEDIA_TYPE)
                .header("Connection", "close")
                .build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> userToken(UserTokenException e, UriInfo uri) {
        return userTokenProblem(e, path(uri));
    }

    /** 401 with a Bearer challenge, or 403 listing the fields that name another user. */
    static RestResponse<Problem> userTokenProblem(UserTokenException e, String path) {
        if (e.status() == 403) {
            return problem(new Problem("urn:vitrine:problem:forbidden", "Forbidden", 403, e.getMessage(), path,
                    e.violations()));
        }
        return RestResponse.ResponseBuilder
                .create(RestResponse.Status.UNAUTHORIZED, Problem.of("unauthorized", "Unauthorized", 401,
                        e.getMessage(), path))
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"vitrine\", error=\"invalid_token\"")
                .build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> web(WebApplicationException e, UriInfo uri) {
        if (cause(e, BodyTooLargeException.class) != null) {
            return bodyTooLarge(cause(e, BodyTooLargeException.class), uri);
        }
        int status = e.getResponse().getStatus();
        // The JSON body reader reports unreadable bodies as a bare 400 wrapping Jackson's exception.
        if (e.getCause() instanceof JsonMappingException mapping) {
            return wrongJsonType(mapping, uri);
        }
        if (e.getCause() instanceof JsonProcessingException parse) {
            return malformedJson(parse, uri);
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return problem(Problem.of(slug(reason), reason, status, e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e, UriInfo uri) {
        if (cause(e, BodyTooLargeException.class) != null) {
            return bodyTooLarge(cause(e, BodyTooLargeException.class), uri);
        }
        String errorId = UUID.randomUUID().toString();
        if (clientGone(e)) {
            // The client closed the connection or reset the stream (it gave up waiting, or went away) while its body
            // was read or its answer written: nothing to fix here and no one to answer, so no ERROR for the operator.
            LOG.debugf("Client went away %s on %s: %s", errorId, path(uri), e);
        } else {
            LOG.errorf(e, "Unexpected error %s on %s", errorId, path(uri));
        }
        return problem(Problem.of("internal", "Internal error", 500,
                "An unexpected error occurred; quote error id " + errorId + " when reporting it", path(uri)));
    }

    static RestResponse<Problem> problem(Problem problem) {
        return RestResponse.ResponseBuilder.create(RestResponse.Status.fromStatusCode(problem.status()), problem)
                .type(Problem.MEDIA_TYPE)
                .build();
    }

    /** Whether {@code e} reports a connection or stream the client closed, not a failure of the service. */
    static boolean clientGone(Throwable e) {
        return cause(e, java.nio.channels.ClosedChannelException.class) != null
                || cause(e, io.vertx.core.http.StreamResetException.class) != null;
    }

    /** The first exception of {@code type} in the cause chain of {@code e}, or null. */
    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    /** {@code upsert.itemId} (method.parameter) becomes {@code itemId}. */
    private static String leafPath(String propertyPath) {
        int dot = propertyPath.indexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    private static String slug(String reason) {
        return reason == null ? "error" : reason.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
