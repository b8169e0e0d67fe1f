package io.vitrine.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Protection of the {@code /v1} calls against abuse: a rate limit per API key and an optional check that the user a
 * public call names is the subject of a user token. Every key is overridable by an environment variable
 * ({@code vitrine.abuse.rate-limit.enabled} → {@code VITRINE_ABUSE_RATE_LIMIT_ENABLED}).
 */
@ConfigMapping(prefix = "vitrine.abuse")
public interface AbuseConfig {

    /** Calls per API key. */
    RateLimit rateLimit();

    /** User tokens on the public calls. */
    UserTokens userTokens();

    /**
     * A token bucket per API key (all calls share one while API key security is disabled). Each serving instance counts
     * for itself: with N instances a key may make up to N times the rate in all.
     */
    interface RateLimit {
        /** Whether {@code /v1} calls are rate limited per API key; beyond the limit they get 429 with Retry-After. */
        @WithDefault("false")
        boolean enabled();

        /** Calls per second one key may make to one instance, sustained. */
        @WithDefault("50")
        long requestsPerSecond();

        /** Calls one key may make at once beyond the sustained rate (the capacity of its bucket). */
        @WithDefault("100")
        long burst();
    }

    /**
     * User tokens (JWT, {@code Authorization: Bearer}) for deployments whose app users sign in: calls of recommend,
     * feedback and ab-assign made with a client key must carry one, and the request's {@code userId} (every event's)
     * must be its {@code sub}. Admin keys act for any user.
     */
    interface UserTokens {
        /** Whether public calls with a client key need a user token whose subject is the request's userId. */
        @WithDefault("false")
        boolean enabled();

        /** The {@code iss} a token must have; unset to accept any issuer. */
        Optional<String> issuer();

        /** An {@code aud} a token must include; unset to accept tokens for any audience. */
        Optional<String> audience();

        /** The verification key inline: a PEM public key (RSA or EC), or a JWK or JWK Set (JSON). */
        Optional<String> publicKey();

        /**
         * Where the verification keys are, instead of {@code public-key}: an {@code https://} JWKS URL (cached as its
         * Cache-Control says, fetched again for an unknown {@code kid}) or a file path of a PEM key or JWKS.
         */
        Optional<String> publicKeyLocation();

        /** Signature algorithms accepted (asymmetric only: RS*, PS*, ES*, EdDSA). */
        @WithDefault("RS256,ES256")
        List<String> algorithms();

        /** Clock skew tolerated when checking {@code exp}, {@code nbf} and {@code iat}. */
        @WithDefault("PT30S")
        Duration clockSkew();
    }
}
