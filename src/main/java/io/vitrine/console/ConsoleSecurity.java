package io.vitrine.console;

import java.time.Clock;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.vitrine.api.ApiKeyRing;
import io.vitrine.api.ApiKeys;
import io.vitrine.boot.SigningKey;

/**
 * The console's sessions, CSRF tokens and cookies. A session is opened by logging in with an admin key (the key goes in
 * a POST body, never a URL, and is never logged or stored: the session names it by its fingerprint).
 */
@Singleton
public class ConsoleSecurity {
    private final ConsoleSessions sessions;
    private final ApiKeys keys;

    public ConsoleSecurity(SigningKey signingKey, ConsoleConfig config, ApiKeys keys, Clock clock) {
        this.sessions = new ConsoleSessions(signingKey, config.sessionTtl(), clock);
        this.keys = keys;
    }

    public ConsoleSessions sessions() {
        return sessions;
    }

    /** Whether API key security is on; when off (dev mode), the console needs no login either. */
    public boolean required() {
        return keys.enabled();
    }

    /** The fingerprint of a presented key when it is an admin key. */
    public Optional<ApiKeyRing.Match> match(String key) {
        return keys.ring().match(key);
    }

    /** The session a cookie names, while it is valid and its admin key is still configured. */
    public Optional<ConsoleSessions.Session> session(String cookie) {
        return sessions.verify(cookie).filter(s -> keys.ring().hasAdminFingerprint(s.fingerprint()));
    }

    /** The {@code Set-Cookie} value of a new session. */
    public String sessionCookie(String value, boolean secure) {
        return ConsoleSessions.SESSION_COOKIE + "=" + value + "; Path=/console; Max-Age="
                + sessions.ttl().toSeconds() + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that removes the session cookie. */
    public String clearedSessionCookie(boolean secure) {
        return ConsoleSessions.SESSION_COOKIE + "=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value of a browser's CSRF cookie (it lasts as long as the browser session). */
    public String csrfCookie(String value, boolean secure) {
        return ConsoleSessions.CSRF_COOKIE + "=" + value + "; Path=/console; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    /** The CSRF token the forms of this request's pages carry. */
    public String csrfToken(ConsoleRequest request) {
        return sessions.csrfToken(request.csrfCookie(), request.session());
    }

    /** Whether a submitted form's token belongs to this browser and session. */
    public boolean csrfValid(ConsoleRequest request, String token) {
        return sessions.csrfValid(request.csrfCookie(), request.session(), token);
    }
}
