package io.vitrine.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Console sessions and CSRF tokens, both signed with HMAC-SHA256 under a key derived from the deployment's signing key
 * (the one that signs request ids), so every instance accepts the sessions of the others and the key never leaves the
 * server.
 *
 * <p>
 * A session cookie is {@code v1.<issued>.<expires>.<nonce>.<key fingerprint>.<signature>}: epoch seconds, 128 random
 * bits, the first 12 hex digits of the SHA-256 of the admin key that logged in (what the audit log names it by, never
 * the key), and the first 128 bits of the HMAC of everything before it. It expires after the configured time to live;
 * logging out revokes its nonce on this instance, and the cookie is cleared in the browser.
 *
 * <p>
 * CSRF: the signed double-submit pattern. Every console page sets a random CSRF cookie (HttpOnly, SameSite=Strict); a
 * form carries the HMAC of that cookie and of the session's nonce, which a page of another origin can neither read nor
 * compute, and which stops working when the session ends.
 */
public final class ConsoleSessions {
    /** The session cookie. */
    public static final String SESSION_COOKIE = "vitrine_console";
    /** The CSRF cookie. */
    public static final String CSRF_COOKIE = "vitrine_csrf";
    /** The form field carrying the CSRF token. */
    public static final String CSRF_FIELD = "_csrf";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();
    private static final Pattern HEX12 = Pattern.compile("[0-9a-f]{12}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final int MAC_BYTES = 16;

    private final Supplier<byte[]> signingKey;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private volatile SecretKeySpec key;

    /**
     * @param signingKey the deployment's signing key, read on first use
     * @param ttl how long a session lasts from login
     */
    public ConsoleSessions(Supplier<byte[]> signingKey, Duration ttl, Clock clock) {
        this.signingKey = signingKey;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** How long a session lasts. */
    public Duration ttl() {
        return ttl;
    }

    /**
     * A new session for the admin key with this fingerprint.
     *
     * @param fingerprint {@code sha256:} and 12 hex digits ({@link io.vitrine.api.ApiKeyRing#fingerprint})
     * @return the cookie value
     */
    public String issue(String fingerprint) {
        String hex = fingerprint.startsWith("sha256:") ? fingerprint.substring(7) : fingerprint;
        if (!HEX12.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a key fingerprint");
        }
        long now = clock.instant().getEpochSecond();
        String body = "v1." + now + "." + (now + ttl.toSeconds()) + "." + random() + "." + hex;
        return body + "." + B64.encodeToString(mac("session." + body));
    }

    /** The session a cookie value names: empty when it is malformed, forged, expired or revoked. */
    public Optional<Session> verify(String cookie) {
        if (cookie == null || cookie.length() > 200) {
            return Optional.empty();
        }
        String[] parts = cookie.split("\\.", -1);
        if (parts.length != 6 || !parts[0].equals("v1") || !TOKEN.matcher(parts[3]).matches()
                || !HEX12.matcher(parts[4]).matches()) {
            return Optional.empty();
        }
        byte[] signature;
        try {
            signature = B64_DECODER.decode(parts[5]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String body = cookie.substring(0, cookie.lastIndexOf('.'));
        if (!MessageDigest.isEqual(mac("session." + body), signature)) {
            return Optional.empty();
        }
        Instant expires;
        try {
            expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(expires) || revoked.containsKey(parts[3])) {
            return Optional.empty();
        }
        return Optional.of(new Session(parts[3], "sha256:" + parts[4], expires));
    }

    /** Ends a session on this instance before it expires (logout). */
    public void revoke(Session session) {
        Instant now = clock.instant();
        revoked.values().removeIf(expiry -> !now.isBefore(expiry));
        revoked.put(session.nonce(), session.expiresAt());
    }

    /** A new random value for the CSRF cookie. */
    public static String newCsrfCookie() {
        return random();
    }

    /**
     * The CSRF token of forms for a browser with this CSRF cookie, in this session (null before login).
     *
     * @param csrfCookie the browser's CSRF cookie
     */
    public String csrfToken(String csrfCookie, Session session) {
        return B64.encodeToString(mac("csrf." + csrfCookie + "." + (session == null ? "-" : session.nonce())));
    }

    /** Whether a submitted token is the one {@link #csrfToken} gives for this cookie and session. */
    public boolean csrfValid(String csrfCookie, Session session, String token) {
        if (csrfCookie == null || token == null || !TOKEN.matcher(csrfCookie).matches() || token.length() > 64) {
            return false;
        }
        byte[] presented;
        try {
            presented = B64_DECODER.decode(token);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac("csrf." + csrfCookie + "." + (session == null ? "-" : session.nonce())),
                presented);
    }

    private static String random() {
        byte[] bytes = new byte[16];
        // A generator per call (logins and CSRF cookies are rare): a static one would be created while a native image
        // is built and carry its state into every binary, which GraalVM refuses.
        new SecureRandom().nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return Arrays.copyOf(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** HMAC-SHA256 of a fixed label under the signing key: a key of its own, so a request id is never a session. */
    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(signingKey.get(), "HmacSHA256"));
                k = new SecretKeySpec(mac.doFinal("vitrine console session key v1".getBytes(StandardCharsets.UTF_8)),
                        "HmacSHA256");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is unavailable", e);
            }
            key = k;
        }
        return k;
    }

    /**
     * A verified session.
     *
     * @param nonce its random id
     * @param fingerprint the fingerprint of the admin key that logged in
     * @param expiresAt when it ends
     */
    public record Session(String nonce, String fingerprint, Instant expiresAt) {
    }
}
