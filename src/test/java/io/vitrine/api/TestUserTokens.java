package io.vitrine.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The identity provider of the HTTP tests: an RSA key generated for the test run and kept in {@code target/} (so the
 * test profile, which configures the public half, and the tests, which sign with the private half, share it whatever
 * class loader they run in; no private key is committed), and tokens signed with it.
 */
final class TestUserTokens {
    static final String ISSUER = "https://id.test.vitrine";
    static final String AUDIENCE = "vitrine-app";
    private static final Path KEY_FILE = Path.of("target", "test-user-tokens", "rsa-private.jwk.json");

    private TestUserTokens() {
    }

    /** User tokens on, with the test key; the rate limit on but far above what the tests do. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vitrine.abuse.user-tokens.enabled", "true",
                    "vitrine.abuse.user-tokens.issuer", ISSUER,
                    "vitrine.abuse.user-tokens.audience", AUDIENCE,
                    "vitrine.abuse.user-tokens.public-key", key().toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY),
                    "vitrine.abuse.rate-limit.enabled", "true",
                    "vitrine.abuse.rate-limit.requests-per-second", "10000",
                    "vitrine.abuse.rate-limit.burst", "10000");
        }
    }

    /** A valid token for {@code subject}, adjusted by {@code claims}. */
    static String token(String subject, Consumer<JwtClaims> claims) {
        JwtClaims c = new JwtClaims();
        c.setIssuer(ISSUER);
        c.setAudience(AUDIENCE);
        c.setSubject(subject);
        c.setExpirationTimeMinutesInTheFuture(10);
        c.setIssuedAtToNow();
        claims.accept(c);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(c.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKey(key().getPrivateKey());
        jws.setKeyIdHeaderValue(key().getKeyId());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    static String token(String subject) {
        return token(subject, c -> {
        });
    }

    static synchronized PublicJsonWebKey key() {
        try {
            if (Files.exists(KEY_FILE)) {
                return (PublicJsonWebKey) JsonWebKey.Factory.newJwk(Files.readString(KEY_FILE));
            }
            PublicJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("test-key");
            Files.createDirectories(KEY_FILE.getParent());
            Path partial = Files.createTempFile(KEY_FILE.getParent(), "key", ".tmp");
            Files.writeString(partial, key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            Files.move(partial, KEY_FILE, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
