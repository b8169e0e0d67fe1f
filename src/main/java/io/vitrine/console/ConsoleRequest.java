package io.vitrine.console;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who is looking at the console in the current request, as {@link ConsoleFilter} established it: a session opened with
 * an admin key, an admin key in the {@code X-Api-Key} header (scripts), or nobody; and the browser's CSRF cookie.
 */
@RequestScoped
public class ConsoleRequest {
    private ConsoleSessions.Session session;
    private String fingerprint;
    private boolean open;
    private String csrfCookie;
    private boolean newCsrfCookie;
    private boolean secure;

    void session(ConsoleSessions.Session s) {
        this.session = s;
        this.fingerprint = s.fingerprint();
    }

    void adminKey(String keyFingerprint) {
        this.fingerprint = keyFingerprint;
    }

    void openConsole() {
        this.open = true;
    }

    void csrfCookie(String value, boolean isNew) {
        this.csrfCookie = value;
        this.newCsrfCookie = isNew;
    }

    void secure(boolean https) {
        this.secure = https;
    }

    /** Whether the caller may use the console. */
    public boolean authenticated() {
        return open || fingerprint != null;
    }

    /** Whether API key security is off, so the console needs no login (dev mode). */
    public boolean open() {
        return open;
    }

    /** The session, or null (open console, key header, or nobody). */
    public ConsoleSessions.Session session() {
        return session;
    }

    /** The fingerprint of the admin key behind the request, or null. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The browser's CSRF cookie (set in this response when it had none). */
    public String csrfCookie() {
        return csrfCookie;
    }

    boolean newCsrfCookie() {
        return newCsrfCookie;
    }

    /** Whether the request came over HTTPS, so cookies get {@code Secure}. */
    public boolean secure() {
        return secure;
    }
}
