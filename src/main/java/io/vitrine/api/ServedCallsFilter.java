package io.vitrine.api;

import java.util.Optional;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Answers 404 (problem+json, like any unknown path) for a {@code /v1} call this deployment does not serve
 * ({@code vitrine.function.calls}). It runs before authentication: a call that is not here does not exist here, with or
 * without a key.
 */
public class ServedCallsFilter {
    private final ServedCalls calls;

    /** @param calls a client proxy: the filter is built at static init, before runtime configuration exists */
    public ServedCallsFilter(ServedCalls calls) {
        this.calls = calls;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100)
    public Optional<RestResponse<Problem>> check(ContainerRequestContext request) {
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        if (!path.startsWith("/v1/")) {
            return Optional.empty();
        }
        ServedCalls.Call call = ServedCalls.Call.of(path);
        if (calls.serves(call)) {
            return Optional.empty();
        }
        return Optional.of(ProblemMappers.problem(Problem.of("not-found", "Not Found", 404,
                "This deployment does not serve the " + call.id() + " call", path)));
    }
}
