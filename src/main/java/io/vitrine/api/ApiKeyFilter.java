package io.vitrine.api;

import java.util.Optional;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Requires an {@code X-Api-Key} on every {@code /v1} call: 401 when missing or unknown, 403 when a client key calls an
 * admin operation. Keys are never logged.
 */
public class ApiKeyFilter {
    /** The header carrying the key. */
    public static final String HEADER = "X-Api-Key";

    private final ApiKeys keys;
    private final Caller caller;

    /**
     * @param keys a client proxy: the filter is built at static init, before runtime configuration exists
     * @param caller the request's caller (a client proxy of a request-scoped bean), filled in here
     */
    public ApiKeyFilter(ApiKeys keys, Caller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<RestResponse<Problem>> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        if (!keys.enabled() || !path.startsWith("/v1/")) {
            // The console (/console) authenticates its own way: a session cookie (io.vitrine.console).
            return Optional.empty();
        }
        Optional<ApiKeyRing.Match> match = keys.ring().match(request.getHeaderString(HEADER));
        if (match.isEmpty()) {
            String detail = request.getHeaderString(HEADER) == null
                    ? "The X-Api-Key header is missing"
                    : "The X-Api-Key is not valid";
            return Optional.of(RestResponse.ResponseBuilder
                    .create(RestResponse.Status.UNAUTHORIZED, Problem.of("unauthorized", "Unauthorized", 401, detail,
                            path))
                    .type(Problem.MEDIA_TYPE)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + HEADER + "\"")
                    .build());
        }
        caller.identified(match.get());
        if (match.get().role() == ApiKeyRing.Role.CLIENT && !PublicApi.Methods.isPublic(resource)) {
            return Optional.of(RestResponse.ResponseBuilder
                    .create(RestResponse.Status.FORBIDDEN, Problem.of("forbidden", "Forbidden", 403,
                            "This operation needs an admin key", path))
                    .type(Problem.MEDIA_TYPE)
                    .build());
        }
        return Optional.empty();
    }
}
