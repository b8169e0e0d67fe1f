package io.vitrine.api;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who is calling, as established for the current request: the role of the API key and its fingerprint (never the key),
 * set by {@link ApiKeyFilter}, and the subject of a verified user token, set by {@link UserTokenFilter}. Read by the
 * audit log, the rate limit and the user-token check.
 */
@RequestScoped
public class Caller {
    /** The fingerprint of calls made while API key security is disabled. */
    public static final String UNAUTHENTICATED = "unauthenticated";

    private ApiKeyRing.Role role;
    private String fingerprint = UNAUTHENTICATED;
    private String userSubject;

    void identified(ApiKeyRing.Match match) {
        this.role = match.role();
        this.fingerprint = match.fingerprint();
    }

    /** Whether the call was made with an admin key. */
    public boolean admin() {
        return role == ApiKeyRing.Role.ADMIN;
    }

    /** The key's fingerprint ({@link ApiKeyRing#fingerprint}), or {@link #UNAUTHENTICATED} without security. */
    public String fingerprint() {
        return fingerprint;
    }

    void userSubject(String subject) {
        this.userSubject = subject;
    }

    /** The {@code sub} of the request's verified user token; null when none was verified. */
    public String userSubject() {
        return userSubject;
    }
}
