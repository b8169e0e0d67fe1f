package io.vitrine.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every Vitrine setting. Redis itself is configured with the standard {@code quarkus.redis.*} keys. */
@ConfigMapping(prefix = "vitrine")
public interface VitrineConfig {

    /** API key authentication of the {@code /v1} calls. */
    Security security();

    /** Acceptance rules and storage of {@code feedback} events. */
    Feedback feedback();

    /** How Vitrine uses Redis. */
    Redis redis();

    /** Constants of the online feature definitions (part of the feature schema). */
    Features features();

    /** Where model bundles are published and read. */
    Model model();

    /** The serving pipeline of {@code recommend}. */
    Recommend recommend();

    /** A/B experiments. */
    Experiments experiments();

    /**
     * Dev mode only ({@code ./mvnw quarkus:dev}): seed an empty Redis with the demo marketplace and publish a model
     * trained on it to the dev model directory, so the service recommends out of the box. Ignored outside dev mode.
     */
    @WithDefault("true")
    boolean devDemo();

    /** Experiments: definitions are stored in Redis and read by every instance. */
    interface Experiments {
        /** How long an instance uses its copy of the experiment definitions; changes reach every instance within it. */
        @WithDefault("PT10S")
        Duration refreshInterval();

        /**
         * Base64 of at least 32 random bytes that sign request ids carrying experiment variants; the same on every
         * instance and function. When absent, a random key is created once and shared through Redis.
         */
        Optional<String> signingKey();

        /** Reports flag a sample ratio mismatch when the chi-square test's p-value is below this. */
        @WithDefault("0.001")
        double srmThreshold();
    }

    /** Recall quotas, ranking and re-ranking of {@code recommend}. */
    interface Recommend {
        /** Candidates from item-to-item co-occurrence neighbours of the user's recent items and the anchor. */
        @WithDefault("200")
        int quotaItemCf();

        /**
         * Candidates from EASE neighbours of the user's recent items (the bundle's {@code ease} table; bundles without
         * one give none). Merged with weight {@code source-weights.ease}, 10 in application.properties, as the offline
         * evaluation weighs it.
         */
        @WithDefault("200")
        int quotaEase();

        /** Candidates from embedding neighbours of the user's recent items. */
        @WithDefault("150")
        int quotaEmbedding();

        /**
         * Weight of a recall source in the candidate merge, by source name ({@code source-weights.ease=10}); sources
         * not listed weigh 1. The offline evaluation tunes these.
         */
        Map<String, Double> sourceWeights();

        /**
         * Weight of the recall order against the model's order in the final ranking, by reciprocal rank fusion; 0 ranks
         * by the model alone. Above 0 helps where the model lacks collaborative signal (MovieLens: README).
         */
        @WithDefault("0")
        double recallWeight();

        /** Candidates from live trending lists (global and the user's top categories). */
        @WithDefault("100")
        int quotaTrending();

        /** Candidates from the popularity lists of the served bundle. */
        @WithDefault("50")
        int quotaPopular();

        /** Candidates from the user's favourite categories and brands inside the user's price band. */
        @WithDefault("100")
        int quotaAffinity();

        /** Candidates from new listings (overall and in the user's favourite categories and brands). */
        @WithDefault("50")
        int quotaNewArrivals();

        /** How recently an item must have been listed to be a new arrival. */
        @WithDefault("P30D")
        Duration newArrivalsWindow();

        /**
         * Longest a request waits, from its arrival, for the stores; past it the answer comes from the fallback list
         * with {@code degraded: true}. Each Redis round trip also has {@code vitrine.redis.timeout}.
         */
        @WithDefault("PT0.3S")
        Duration requestTimeout();

        /** Budget of the user-feature read; over it the answer is the degraded fallback. */
        @WithDefault("PT0.1S")
        Duration userTimeout();

        /** Budget of recall (trending and new-arrival lists, the affinity source's item reads). */
        @WithDefault("PT0.15S")
        Duration recallTimeout();

        /** Budget of the candidates' feature read. */
        @WithDefault("PT0.15S")
        Duration featuresTimeout();

        /** Most candidates ranked per request. */
        @WithDefault("500")
        int maxCandidates();

        /** Diversity: most items of one category in the first {@code diversity-window} slots. */
        @WithDefault("3")
        int maxPerCategory();

        /** Diversity: most items of one brand in the first {@code diversity-window} slots. */
        @WithDefault("4")
        int maxPerBrand();

        /** Slots the diversity limits apply to. */
        @WithDefault("10")
        int diversityWindow();

        /** Items listed less than this many days ago get a freshness boost, fading linearly with age. */
        @WithDefault("14")
        double freshnessDays();

        /** Score multiplier of a brand-new item is {@code 1 + freshness-boost}. */
        @WithDefault("0.3")
        double freshnessBoost();

        /** Score multiplier of a promoted item is {@code 1 + promotion-boost}. */
        @WithDefault("0.2")
        double promotionBoost();

        /** Probability that one of the first {@code diversity-window} slots goes to the least-shown candidate. */
        @WithDefault("0.1")
        double explorationEpsilon();

        /** Items the user bought within this window are not recommended. */
        @WithDefault("P30D")
        Duration purchasedWindow();

        /** How often the in-process fallback list (served when Redis fails) is refreshed. */
        @WithDefault("PT1M")
        Duration fallbackRefresh();

        /**
         * How long an instance caches item features and trending lists; catalog changes (e.g. blocking an item) reach
         * recommendations within it. User features are never cached.
         */
        @WithDefault("PT5S")
        Duration cacheTtl();

        /** Most items whose features an instance caches. */
        @WithDefault("100000")
        long cacheSize();
    }

    /** Model bundles. */
    interface Model {
        /**
         * The model URI: {@code file:DIR} (the embedded default) or {@code s3://bucket/prefix} (S3-compatible stores,
         * configured with {@code vitrine.storage.s3.*}).
         */
        @WithDefault("file:models")
        String uri();

        /**
         * How often serving instances check {@code LATEST}; also checked on a request once this much time has passed
         * (serverless instances are frozen between requests).
         */
        @WithDefault("PT1M")
        Duration pollInterval();

        /**
         * How served models are evaluated: {@code java} (the bundle's trees file in plain Java, equal to Tribuo within
         * 1e-6, faster, no libxgboost; needs bundles of manifest format 2) or {@code tribuo} (native XGBoost through
         * Tribuo; also reads older bundles).
         */
        @WithDefault("java")
        String evaluator();
    }

    /** API key authentication. */
    interface Security {
        /** Whether an {@code X-Api-Key} is required on every {@code /v1} call; disable only for local demos. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Keys for the public calls (recommend, feedback, ab-assign), comma-separated; each a raw key or
         * {@code sha256:<hex>} of the key, so the raw key need not be stored in configuration.
         */
        Optional<List<String>> clientKeys();

        /** Keys for the admin calls (and the public ones), same format as {@code client-keys}. */
        Optional<List<String>> adminKeys();
    }

    /** Feedback events. */
    interface Feedback {
        /** Most events in one {@code POST /v1/feedback} call. */
        @WithDefault("500")
        int maxBatchSize();

        /** How far in the future an event timestamp may lie (client clock drift). */
        @WithDefault("PT5M")
        Duration maxFutureSkew();

        /** How old an event may be when it arrives; older events are rejected. */
        @WithDefault("P3D")
        Duration maxEventAge();

        /**
         * How long an {@code eventId} is remembered for deduplication. Must be at least {@code max-event-age} plus
         * {@code max-future-skew}, so that any retry of an event that is still acceptable is recognised.
         */
        @WithDefault("P3DT1H")
        Duration dedupeWindow();

        /** Seconds a client should wait before retrying when the event store is unavailable (503). */
        @WithDefault("2")
        int retryAfterSeconds();

        /** Approximate cap of the event log stream (its retention): older events are trimmed beyond it. */
        @WithDefault("10000000")
        long eventLogMaxLength();
    }

    /** Redis usage. */
    interface Redis {
        /** Prefix of every key Vitrine writes (several deployments can share one Redis). No braces. */
        @WithDefault("vitrine")
        String keyPrefix();

        /** Deadline of one pipelined round trip; beyond it the call is treated as Redis being unavailable. */
        @WithDefault("PT0.5S")
        Duration timeout();

        /**
         * Replicas that must have an event before {@code feedback} acknowledges it: the append waits ({@code WAIT})
         * until that many replicas confirm it, within {@code timeout}, and otherwise answers 503 like any write that is
         * not durable. 0 (the default) acknowledges once the master has the event; Redis replicates asynchronously, so
         * a failover right after can lose it. 1 keeps every acknowledged event through the loss of its master when each
         * master has one replica (and costs a replication round trip per call).
         */
        @WithDefault("0")
        int ackReplicas();
    }

    /** Feature definition constants. */
    interface Features {
        /** Recent items kept per user (interactions and purchases, each). */
        @WithDefault("50")
        int recentItemsCap();

        /** Half-life of a user's category and brand affinity. */
        @WithDefault("P14D")
        Duration affinityHalfLife();

        /** Half-life of an item's popularity per event type. */
        @WithDefault("P3D")
        Duration popularityHalfLife();

        /** Half-life of the trending lists. */
        @WithDefault("P1D")
        Duration trendingHalfLife();

        /** Strength of the CTR prior in pseudo-impressions. */
        @WithDefault("20")
        double ctrPriorImpressions();

        /** Prior CTR that items with few impressions are pulled towards. */
        @WithDefault("0.05")
        double ctrPriorMean();
    }
}
