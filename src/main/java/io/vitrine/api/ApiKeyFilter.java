package io.vitrine.api;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.runtime.Startup;
import io.vitrine.config.VitrineConfig;

/**
 * Requires an {@code X-Api-Key} on every {@code /v1} call: 401 when missing or unknown, 403 when a client key calls an
 * admin operation. Keys are never logged.
 */
@Singleton
@Startup
public class ApiKeyFilter {
    /** The header carrying the key. */
    public static final String HEADER = "X-Api-Key";
    private static final Logger LOG = Logger.getLogger(ApiKeyFilter.class);

    private final boolean enabled;
    private final ApiKeyRing keys;
    private final Map<Method, Boolean> publicMethods = new ConcurrentHashMap<>();

    @Inject
    public ApiKeyFilter(VitrineConfig config) {
        VitrineConfig.Security security = config.security();
        this.enabled = security.enabled();
        this.keys = new ApiKeyRing(security.clientKeys().orElse(List.of()), security.adminKeys().orElse(List.of()));
        if (!enabled) {
            LOG.warn("API key security is DISABLED (vitrine.security.enabled=false): use this only for local demos");
        } else if (keys.isEmpty()) {
            LOG.warn("No API keys configured (vitrine.security.client-keys / admin-keys): every /v1 call will be"
                    + " rejected with 401");
        }
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<RestResponse<Problem>> authenticate(ContainerRequestContext request,
            ResourceInfo resource) {
        if (!enabled) {
            return Optional.empty();
        }
        String path = "/" + request.getUriInfo().getPath(false).replaceFirst("^/", "");
        Optional<ApiKeyRing.Role> role = keys.roleOf(request.getHeaderString(HEADER));
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
