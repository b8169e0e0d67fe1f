package io.vitrine.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

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

    /**
     * {@code recommend}: the pipeline ({@code vitrine.recommend.<parameter>}, one name per parameter, shared with
     * experiment variants and {@code evaluate --set}; see {@code io.vitrine.pipeline.PipelineParameters} and the README
     * table for the defaults), per-scene plans, and how an instance serves it.
     */
    interface Recommend {
        /** The pipeline of requests whose scene has no plan of its own. */
        @WithParentName
        PipelinePlan pipeline();

        /**
         * Plans of named scenes ({@code scene} of a request, e.g. {@code product}): the pipeline parameters a scene
         * changes, {@code vitrine.recommend.scenes.<scene>.<parameter>}; the others keep their
         * {@code vitrine.recommend.<parameter>} value.
         */
        Map<String, PipelinePlan> scenes();

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

    /**
     * The parameters of one pipeline; every key is optional and defaults to the built-in pipeline's value (README,
     * "Pipeline parameters").
     */
    interface PipelinePlan {
        /** Recall: sources, quotas, merge weights, seeds. */
        RecallPlan recall();

        /** Candidates never shown. */
        FilterPlan filter();

        /** How the model's order and the recall order combine. */
        RankPlan rank();

        /** Re-ranking rules. */
        RerankPlan rerank();
    }

    /** {@code recall.*}. */
    interface RecallPlan {
        /** Most merged candidates ranked per request (1 to 5000). */
        Optional<Integer> maxCandidates();

        /** How recently an item must have been listed to be a new arrival. */
        Optional<Duration> newArrivalsWindow();

        /** EASE neighbours of the user's recent items (the bundle's {@code ease} table). */
        NeighbourSourcePlan ease();

        /** Co-occurrence neighbours of the user's recent items and the anchor. */
        @WithName("item_cf")
        NeighbourSourcePlan itemCf();

        /** Embedding (ALS) neighbours of the user's recent items and the anchor. */
        NeighbourSourcePlan embedding();

        /** The user's own recent items not bought within the purchased window, scored by recency. */
        NeighbourSourcePlan recent();

        /** The bundle's popularity lists, global blended with the user's top categories. */
        SourcePlan popular();

        /** The user's favourite categories and brands inside the user's price band. */
        SourcePlan affinity();

        /** Live trending lists (global and the user's top categories). */
        SourcePlan trending();

        /** New listings (overall and in the user's favourite categories and brands). */
        @WithName("new_arrivals")
        SourcePlan newArrivals();
    }

    /** A recall source. */
    interface SourcePlan {
        /** Most candidates taken from the source (0 to 1000; 0 turns it off). */
        Optional<Integer> quota();

        /** Its weight in the candidate merge (0 to 100; 0 turns it off). */
        Optional<Double> weight();
    }

    /** A recall source seeded by the user's recent items. */
    interface NeighbourSourcePlan extends SourcePlan {
        /** Most recent history items used as seeds (1 to 1000). */
        Optional<Integer> seeds();

        /** Recency half-life of a seed's weight; {@code PT0S} weighs every seed 1. */
        Optional<Duration> seedHalfLife();
    }

    /** {@code filter.*}. */
    interface FilterPlan {
        /** Items the user bought within this window are not recommended. */
        Optional<Duration> purchasedWindow();
    }

    /** {@code rank.*}. */
    interface RankPlan {
        /**
         * Weight of the recall order against the model's order, by reciprocal rank fusion (0 to 100); 0 ranks by the
         * model alone.
         */
        Optional<Double> recallWeight();
    }

    /** {@code rerank.*}. */
    interface RerankPlan {
        /** Category and brand limits in the first slots. */
        DiversityPlan diversity();

        /** The boost of new items. */
        FreshnessPlan freshness();

        /** The boost of promoted items. */
        PromotionPlan promotion();

        /** Exploration slots. */
        ExplorationPlan exploration();
    }

    /** {@code rerank.diversity.*}. */
    interface DiversityPlan {
        /** Most items of one category in the first {@code window} slots (1 to 100). */
        Optional<Integer> maxPerCategory();

        /** Most items of one brand in the first {@code window} slots (1 to 100). */
        Optional<Integer> maxPerBrand();

        /** Slots the diversity limits apply to (1 to 100). */
        Optional<Integer> window();
    }

    /** {@code rerank.freshness.*}. */
    interface FreshnessPlan {
        /** Items listed less than this many days ago get a boost, fading linearly with age (0 to 365). */
        Optional<Double> days();

        /** A brand-new item's score is multiplied by {@code 1 + boost} (0 to 10). */
        Optional<Double> boost();
    }

    /** {@code rerank.promotion.*}. */
    interface PromotionPlan {
        /** A promoted item's score is multiplied by {@code 1 + boost} (0 to 10). */
        Optional<Double> boost();
    }

    /** {@code rerank.exploration.*}. */
    interface ExplorationPlan {
        /**
         * Probability that one of the first {@code rerank.diversity.window} slots goes to the least-shown candidate.
         */
        Optional<Double> epsilon();
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
