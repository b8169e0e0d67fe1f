package io.vitrine.console;

import io.quarkus.qute.TemplateData;

/**
 * What every console page shows around its content: the navigation, who is logged in, and the CSRF token its forms
 * carry.
 *
 * @param title the page title
 * @param section the navigation entry to highlight ({@code overview}, {@code experiments}, {@code preview},
 *            {@code model}, {@code items}; empty on the login page)
 * @param csrf the CSRF token of the page's forms
 * @param open API key security is off: no login needed
 * @param session a session is open (so the page offers to log out)
 * @param who the fingerprint of the admin key behind the request, or empty
 * @param expiresAt when the session ends (ISO-8601), or empty
 */
@TemplateData
public record Chrome(String title, String section, String csrf, boolean open, boolean session, String who,
        String expiresAt) {

    /** The chrome of a page for the current request. */
    static Chrome of(String title, String section, ConsoleRequest request, ConsoleSecurity security) {
        ConsoleSessions.Session s = request.session();
        return new Chrome(title, section, security.csrfToken(request), request.open(), s != null,
                request.fingerprint() == null ? "" : request.fingerprint(),
                s == null ? "" : s.expiresAt().toString());
    }
}
