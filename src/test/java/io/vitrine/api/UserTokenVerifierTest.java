package io.vitrine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.awaitility.Awaitility;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/** User-token verification against real signatures, key files and a real JWKS endpoint (the JDK's HTTP server). */
class UserTokenVerifierTest {
    private static final PublicJsonWebKey RSA = rsa("rsa-1");
    private static final PublicJsonWebKey OTHER_RSA = rsa("rsa-2");
    private static final Optional<String> ISSUER = Optional.of("https://id.example.com");
    private static final Optional<String> AUDIENCE = Optional.of("vitrine");

    private static UserTokenVerifier verifier(Optional<String> key, Optional<String> location) {
        return new UserTokenVerifier(ISSUER, AUDIENCE, key, location, List.of("RS256", "ES256"),
                Duration.ofSeconds(30));
    }

    @Test
    void aValidTokenYieldsItsSubject() {
        UserTokenVerifier verifier = verifier(Optional.of(pem(RSA)), Optional.empty());

        assertThat(verifier.subject("Bearer " + token(RSA, AlgorithmIdentifiers.RSA_USING_SHA256, c -> {
        }))).isEqualTo("user-1");
        assertThat(verifier.subject("bearer   " + token(RSA, AlgorithmIdentifiers.RSA_USING_SHA256, c -> {
        }))).isEqualTo("user-1");
    }

    @Test
    void everyFailedCheckIsA401NamingTheCheckNeverTheToken() {
        UserTokenVerifier verifier = verifier(Optional.of(RSA.toJson()), Optional.empty());
        String rs256 = AlgorithmIdentifiers.RSA_USING_SHA256;
        expectInvalid(verifier, null, "required");
        expectInvalid(verifier, "Basic dXNlcjpwYXNz", "Bearer <token>");
        expectInvalid(verifier, "Bearer", "Bearer <token>");
        expectInvalid(verifier, "Bearer " + token(RSA, rs256, c -> c.setExpirationTimeMinutesInTheFuture(-5)),
                "expired");
        expectInvalid(verifier, "Bearer " + token(RSA, rs256, c -> c.setIssuer("https://evil.example.com")),
                "wrong issuer");
        expectInvalid(verifier, "Bearer " + token(RSA, rs256, c -> c.setAudience("someone-else")),
                "wrong audience");
        expectInvalid(verifier, "Bearer " + token(RSA, rs256, c -> c.setSubject(null)), "no subject");
        expectInvalid(verifier, "Bearer " + token(RSA, rs256, c -> c.setExpirationTime(null)),
                "no expiration time");
        expectInvalid(verifier, "Bearer " + token(RSA, rs256, c -> c.setNotBeforeMinutesInThePast(-2)),
                "not valid yet");
        expectInvalid(verifier, "Bearer " + token(OTHER_RSA, rs256, c -> {
        }), "signature does not verify");
        expectInvalid(verifier, "Bearer " + token(RSA, AlgorithmIdentifiers.RSA_USING_SHA512, c -> {
        }), "algorithm not accepted");
        expectInvalid(verifier, "Bearer not.a.jwt", "malformed");
        expectInvalid(verifier, "Bearer " + "x".repeat(10_000), "malformed");
    }

    @Test
    void unsignedAndSymmetricallySignedTokensAreRefused() throws JoseException {
        UserTokenVerifier verifier = verifier(Optional.of(pem(RSA)), Optional.empty());
        JsonWebSignature none = jws(claims(c -> {
        }), AlgorithmIdentifiers.NONE);
        none.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        expectInvalid(verifier, "Bearer " + none.getCompactSerialization(), "algorithm not accepted");
        // The classic confusion: HS256 keyed with the bytes of the public key.
        JsonWebSignature hs = jws(claims(c -> {
        }), AlgorithmIdentifiers.HMAC_SHA256);
        hs.setKey(new HmacKey(RSA.getPublicKey().getEncoded()));
        expectInvalid(verifier, "Bearer " + hs.getCompactSerialization(), "algorithm not accepted");
    }

    @Test
    void ecKeysFromPemAndKeySetsWithKeyIds() throws JoseException {
        PublicJsonWebKey ec = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        ec.setKeyId("ec-1");
        String es256 = token(ec, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, c -> {
        });

        assertThat(verifier(Optional.of(pem(ec)), Optional.empty()).subject("Bearer " + es256)).isEqualTo("user-1");
        UserTokenVerifier set = verifier(Optional.of(new JsonWebKeySet(RSA, ec).toJson()), Optional.empty());
        assertThat(set.subject("Bearer " + es256)).isEqualTo("user-1");
        assertThat(set.subject("Bearer " + token(RSA, AlgorithmIdentifiers.RSA_USING_SHA256, c -> {
        }))).isEqualTo("user-1");
    }

    @Test
    void keysFromAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, new JsonWebKeySet(RSA).toJson());

        UserTokenVerifier verifier = verifier(Optional.empty(), Optional.of("file:" + file));

        assertThat(verifier.subject("Bearer " + token(RSA, AlgorithmIdentifiers.RSA_USING_SHA256, c -> {
        }))).isEqualTo("user-1");
        assertThatThrownBy(() -> verifier(Optional.empty(), Optional.of(dir.resolve("missing.pem").toString())))
                .hasMessageContaining("cannot be read");
    }

    @Test
    void keysFromAJwksUrlAreFetchedAgainForAnUnknownKeyId() throws IOException {
        AtomicReference<String> served = new AtomicReference<>(new JsonWebKeySet(RSA).toJson());
        AtomicInteger fetches = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            UserTokenVerifier verifier = verifier(Optional.empty(),
                    Optional.of("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks"));
            assertThat(verifier.subject("Bearer " + token(RSA, AlgorithmIdentifiers.RSA_USING_SHA256, c -> {
            }))).isEqualTo("user-1");
            assertThat(verifier.subject("Bearer " + token(RSA, AlgorithmIdentifiers.RSA_USING_SHA256, c -> {
            }))).isEqualTo("user-1");
            assertThat(fetches).as("cached").hasValue(1);

            // The issuer rotates to a new key: a token with the new kid makes the verifier fetch the set again
            // (jose4j waits 300 ms after a fetch before it fetches again).
            served.set(new JsonWebKeySet(RSA, OTHER_RSA).toJson());
            String rotated = "Bearer " + token(OTHER_RSA, AlgorithmIdentifiers.RSA_USING_SHA256, c -> {
            });
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreException(UserTokenException.class)
                    .until(() -> "user-1".equals(verifier.subject(rotated)));
            assertThat(fetches.get()).isBetween(2, 3);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void configurationThatCannotVerifyIsRefusedWithoutEchoingKeys() {
        assertThatThrownBy(() -> verifier(Optional.empty(), Optional.empty())).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> verifier(Optional.of(pem(RSA)), Optional.of("/tmp/x"))).hasMessageContaining(
                "exactly one");
        assertThatThrownBy(() -> new UserTokenVerifier(ISSUER, AUDIENCE, Optional.of(pem(RSA)), Optional.empty(),
                List.of("HS256"), Duration.ZERO)).hasMessageContaining("asymmetric");
        assertThatThrownBy(() -> verifier(Optional.of("-----BEGIN PUBLIC KEY-----\nc2VjcmV0\n"), Optional.empty()))
                .hasMessageContaining("public-key")
                .hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(() -> verifier(Optional.of("{\"kty\":\"oct\",\"k\":\"c2VjcmV0c2VjcmV0\"}"),
                Optional.empty())).hasMessageContaining("symmetric").hasMessageNotContaining("c2VjcmV0");
    }

    private static void expectInvalid(UserTokenVerifier verifier, String header, String reason) {
        assertThatThrownBy(() -> verifier.subject(header))
                .isInstanceOfSatisfying(UserTokenException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains(reason);
                    if (header != null && header.length() > 12) {
                        for (String part : header.substring(7).split("\\.")) {
                            if (part.length() > 8) {
                                assertThat(e.getMessage()).doesNotContain(part);
                            }
                        }
                    }
                });
    }

    static String token(PublicJsonWebKey key, String algorithm, Consumer<JwtClaims> adjust) {
        try {
            JsonWebSignature jws = jws(claims(adjust), algorithm);
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(key.getKeyId());
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonWebSignature jws(JwtClaims claims, String algorithm) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        return jws;
    }

    private static JwtClaims claims(Consumer<JwtClaims> adjust) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER.get());
        claims.setAudience(AUDIENCE.get());
        claims.setSubject("user-1");
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setIssuedAtToNow();
        adjust.accept(claims);
        return claims;
    }

    static String pem(JsonWebKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(((PublicJsonWebKey) key).getPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static PublicJsonWebKey rsa(String keyId) {
        try {
            PublicJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(keyId);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
