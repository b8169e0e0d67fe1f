package io.vitrine.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * Verifies user tokens (signed JWTs, jose4j): signature with the configured key or JWKS and one of the allowed
 * asymmetric algorithms, {@code exp} required and in the future, {@code nbf} and {@code iat} checked, {@code sub}
 * required, {@code iss} and {@code aud} when configured. Plain Java, no CDI: {@link UserTokens} builds it from
 * configuration.
 */
public final class UserTokenVerifier {
    /** The algorithms a public key can verify; symmetric ones (HS*) and {@code none} are never accepted. */
    static final Set<String> ASYMMETRIC = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
            "ES384", "ES512", "EdDSA");

    private final JwtConsumer consumer;

    /**
     * @param publicKey a PEM public key, a JWK or a JWK Set, inline
     * @param publicKeyLocation instead of {@code publicKey}: an {@code https://} (or {@code http://}) JWKS URL, or a
     *            file path of a PEM key or JWKS
     * @throws IllegalArgumentException for a configuration that cannot verify anything (the message names the key,
     *             never its content)
     */
    public UserTokenVerifier(Optional<String> issuer, Optional<String> audience, Optional<String> publicKey,
            Optional<String> publicKeyLocation, List<String> algorithms, Duration clockSkew) {
        if (publicKey.isPresent() == publicKeyLocation.isPresent()) {
            throw new IllegalArgumentException("vitrine.abuse.user-tokens: set exactly one of public-key and"
                    + " public-key-location");
        }
        List<String> allowed = algorithms.stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
        if (allowed.isEmpty() || !ASYMMETRIC.containsAll(allowed)) {
            throw new IllegalArgumentException("vitrine.abuse.user-tokens.algorithms must name asymmetric algorithms"
                    + " only, from " + ASYMMETRIC);
        }
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setRequireSubject()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds((int) Math.min(Integer.MAX_VALUE, clockSkew.toSeconds()))
                .setJwsAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        allowed.toArray(String[]::new)));
        issuer.ifPresent(builder::setExpectedIssuer);
        if (audience.isPresent()) {
            builder.setExpectedAudience(audience.get());
        } else {
            builder.setSkipDefaultAudienceValidation();
        }
        String location = publicKeyLocation.orElse("");
        if (location.startsWith("https://") || location.startsWith("http://")) {
            builder.setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(location)));
        } else {
            String material = publicKey.orElseGet(() -> read(location));
            keys(material, publicKey.isPresent() ? "public-key" : "public-key-location", builder);
        }
        this.consumer = builder.build();
    }

    /**
     * The subject of a valid token.
     *
     * @param authorization the {@code Authorization} header, {@code Bearer <jwt>}
     * @throws UserTokenException (401) naming the check that failed, never echoing the token
     */
    public String subject(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw UserTokenException.invalid("A user token is required: Authorization: Bearer <token>");
        }
        String[] parts = authorization.strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            throw UserTokenException.invalid("The Authorization header must be: Bearer <token>");
        }
        try {
            return consumer.processToClaims(parts[1]).getSubject();
        } catch (InvalidJwtException e) {
            throw UserTokenException.invalid("The user token is not valid: " + reason(e));
        } catch (MalformedClaimException e) {
            throw UserTokenException.invalid("The user token is not valid: a claim has the wrong type");
        }
    }

    /** Which check failed, in words for the client; jose4j's own message holds the claims and is never used. */
    private static String reason(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "it has expired";
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID) || e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return "it is not valid yet";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return "wrong issuer";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "wrong audience";
        }
        if (e.hasErrorCode(ErrorCodes.SUBJECT_MISSING)) {
            return "it has no subject";
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return "it has no expiration time";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return "its signature does not verify";
        }
        return "it is malformed, unsigned, signed with an algorithm not accepted, or by an unknown key";
    }

    private static void keys(String material, String name, JwtConsumerBuilder builder) {
        String text = material.strip();
        try {
            if (text.startsWith("{")) {
                if (text.contains("\"keys\"")) {
                    builder.setVerificationKeyResolver(
                            new JwksVerificationKeyResolver(new JsonWebKeySet(text).getJsonWebKeys()));
                } else {
                    JsonWebKey jwk = JsonWebKey.Factory.newJwk(text);
                    if (!(jwk instanceof PublicJsonWebKey key)) {
                        throw new IllegalArgumentException("vitrine.abuse.user-tokens." + name
                                + " is a symmetric JWK; a public key is required");
                    }
                    builder.setVerificationKey(key.getPublicKey());
                }
            } else {
                builder.setVerificationKey(pem(text, name));
            }
        } catch (JoseException e) {
            throw new IllegalArgumentException("vitrine.abuse.user-tokens." + name + " is not a valid JWK or JWK Set");
        }
    }

    /** A PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo) of an RSA, EC or EdDSA key. */
    private static PublicKey pem(String text, String name) {
        String base64 = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vitrine.abuse.user-tokens." + name + " is not a PEM public key");
        }
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisOne) {
                // Try the next key type.
            }
        }
        throw new IllegalArgumentException("vitrine.abuse.user-tokens." + name
                + " is not an RSA, EC or Ed25519 public key");
    }

    private static String read(String location) {
        Path path = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("vitrine.abuse.user-tokens.public-key-location " + path
                    + " cannot be read: " + e.getClass().getSimpleName(), e);
        }
    }
}
