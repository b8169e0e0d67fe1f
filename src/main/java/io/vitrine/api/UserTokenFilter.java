package io.vitrine.api;

import java.util.Optional;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Verifies the user token of a public call made with a client key when {@code vitrine.abuse.user-tokens.enabled}: 401
 * before the body is read when it is missing or does not verify; otherwise its subject is kept in {@link Caller} for
 * {@link UserTokens#requireSubject}. Runs after the API key and the rate limit.
 */
public class UserTokenFilter {
    private final UserTokens tokens;
    private final Caller caller;

    /** @param tokens and {@code caller} are client proxies (the filter is built at static init) */
    public UserTokenFilter(UserTokens tokens, Caller caller) {
        this.tokens = tokens;
        this.caller = caller;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 20)
    public Optional<RestResponse<Problem>> verify(ContainerRequestContext request, ResourceInfo resource) {
        if (!tokens.enabled() || caller.admin() || !PublicApi.Methods.isPublic(resource)) {
            return Optional.empty();
        }
        try {
            caller.userSubject(tokens.subject(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
            return Optional.empty();
        } catch (UserTokenException e) {
            return Optional.of(ProblemMappers.userTokenProblem(e,
                    "/" + request.getUriInfo().getPath().replaceFirst("^/", "")));
        }
    }
}
