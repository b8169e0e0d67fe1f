package io.vitrine.api;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
    private final Map<Method, Boolean> publicMethods = new ConcurrentHashMap<>();

    /** @param keys a client proxy: the filter is built at static init, before runtime configuration exists */
    public ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<RestResponse<Problem>> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        if (!keys.enabled()) {
            return Optional.empty();
        }
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        Optional<ApiKeyRing.Role> role = keys.ring().roleOf(request.getHeaderString(HEADER));
        if (role.isEmpty()) {
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
        if (role.get() == ApiKeyRing.Role.CLIENT && !isPublic(resource)) {
            return Optional.of(RestResponse.ResponseBuilder
                    .create(RestResponse.Status.FORBIDDEN, Problem.of("forbidden", "Forbidden", 403,
                            "This operation needs an admin key", path))
                    .type(Problem.MEDIA_TYPE)
                    .build());
        }
        return Optional.empty();
    }

    private boolean isPublic(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return false;
        }
        return publicMethods.computeIfAbsent(method, m -> m.isAnnotationPresent(PublicApi.class)
                || m.getDeclaringClass().isAnnotationPresent(PublicApi.class));
    }
}
