package io.vitrine.console;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.vitrine.api.ApiKeyFilter;
import io.vitrine.api.ApiKeyRing;
import io.vitrine.api.ServedCalls;

/**
 * Guards {@code /console}: the console must be enabled and the deployment must serve the admin calls; every page but
 * the login needs a session opened with an admin key (or an admin key in {@code X-Api-Key}, for scripts), unless API
 * key security is off. A page asked for without one redirects to the login. Every console answer gets a CSRF cookie
 * when the browser has none, is never cached, and may not be framed or run scripts of other origins.
 */
public class ConsoleFilter {
    private static final Pattern CSRF_VALUE = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final String SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private final ConsoleSecurity security;
    private final ConsoleRequest console;
    private final ConsoleConfig config;
    private final ServedCalls calls;

    /** The arguments are client proxies: the filter is built at static init, before runtime configuration exists. */
    public ConsoleFilter(ConsoleSecurity security, ConsoleRequest console, ConsoleConfig config, ServedCalls calls) {
        this.security = security;
        this.console = console;
        this.config = config;
        this.calls = calls;
    }

    static boolean isConsole(String path) {
        return path.equals("/console") || path.startsWith("/console/");
    }

    private static String path(ContainerRequestContext request) {
        return "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        String path = path(request);
        if (!isConsole(path)) {
            return Optional.empty();
        }
        if (!config.enabled() || !calls.serves(ServedCalls.Call.ADMIN)) {
            return Optional.of(Response.status(Response.Status.NOT_FOUND)
                    .type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("This deployment does not serve the console")
                    .build());
        }
        console.secure("https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme()));
        Cookie csrf = request.getCookies().get(ConsoleSessions.CSRF_COOKIE);
        if (csrf != null && CSRF_VALUE.matcher(csrf.getValue()).matches()) {
            console.csrfCookie(csrf.getValue(), false);
        } else {
            console.csrfCookie(ConsoleSessions.newCsrfCookie(), true);
        }
        if (!security.required()) {
            console.openConsole();
            return Optional.empty();
        }
        Cookie session = request.getCookies().get(ConsoleSessions.SESSION_COOKIE);
        if (session != null) {
            security.session(session.getValue()).ifPresent(console::session);
        }
        if (!console.authenticated()) {
            String key = request.getHeaderString(ApiKeyFilter.HEADER);
            security.match(key)
                    .filter(m -> m.role() == ApiKeyRing.Role.ADMIN)
                    .ifPresent(m -> console.adminKey(m.fingerprint()));
        }
        if (console.authenticated() || path.equals("/console/login")) {
            return Optional.empty();
        }
        Response.ResponseBuilder refused = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())
                ? Response.seeOther(URI.create("/console/login"))
                : Response.status(Response.Status.UNAUTHORIZED)
                        .type(MediaType.TEXT_PLAIN_TYPE)
                        .entity("Log in to the console with an admin key first");
        if (console.newCsrfCookie()) {
            refused.header(HttpHeaders.SET_COOKIE, security.csrfCookie(console.csrfCookie(), console.secure()));
        }
        return Optional.of(refused.header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (!isConsole(path(request))) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        headers.putSingle("Content-Security-Policy", SECURITY_POLICY);
        headers.putSingle("X-Frame-Options", "DENY");
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("Referrer-Policy", "no-referrer");
        boolean alreadySet = headers.getOrDefault(HttpHeaders.SET_COOKIE, java.util.List.of())
                .stream()
                .anyMatch(c -> String.valueOf(c).startsWith(ConsoleSessions.CSRF_COOKIE + "="));
        if (console.csrfCookie() != null && console.newCsrfCookie() && !alreadySet) {
            headers.add(HttpHeaders.SET_COOKIE, security.csrfCookie(console.csrfCookie(), console.secure()));
        }
    }
}
