package io.vitrine.pipeline;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.vitrine.recall.SourceNames;

/**
 * Every tunable of the recommend pipeline, grouped by stage. Serving, the offline evaluation and the trainer build
 * their {@link Pipeline} from one of these, so the figures {@code evaluate} prints describe what {@code serve} runs.
 * Each value has one name, {@link PipelineParameters}, used alike by the configuration
 * ({@code vitrine.recommend.<name>}), by experiment variants and by {@code evaluate --set}.
 *
 * @param recall the recall plan: sources, their quotas, merge weights and seeds
 * @param filter which candidates are never shown
 * @param rank how the model's order and the recall order combine
 * @param rerank the re-ranking rules
 */
public record PipelineSettings(Recall recall, Filter filter, Rank rank, Rerank rerank) {

    /** The recall sources, in the order they run (the first source to rank an item is named first with it). */
    public static final List<String> SOURCES = SourceNames.ALL;
    /** The sources seeded by the user's recent items (they have {@code seeds} and {@code seed-half-life}). */
    public static final List<String> NEIGHBOUR_SOURCES = SourceNames.HISTORY;

    public PipelineSettings {
        Objects.requireNonNull(recall, "recall");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(rank, "rank");
        Objects.requireNonNull(rerank, "rerank");
    }

    /** The defaults: what {@code serve} runs without configuration. */
    public static PipelineSettings defaults() {
        Map<String, Source> sources = new LinkedHashMap<>();
        // EASE scores the plain sum over the whole kept history (at most 1000 seeds: all that the feature store keeps),
        // undecayed; it is the strongest table on MovieLens and the demo data, so it weighs 10 in the merge.
        sources.put("ease", new Source(200, 10, 1000, Duration.ZERO));
        sources.put("item_cf", new Source(200, 1, 20, Duration.ofDays(7)));
        sources.put("embedding", new Source(150, 1, 20, Duration.ofDays(7)));
        // The user's own recent items, to come back to (scored by a 3-day recency half-life).
        sources.put("recent", new Source(50, 1, 50, Duration.ofDays(3)));
        sources.put("trending", Source.of(100));
        sources.put("popular", Source.of(50));
        sources.put("affinity", Source.of(100));
        sources.put("new_arrivals", Source.of(50));
        return new PipelineSettings(new Recall(sources, 500, Duration.ofDays(30)), new Filter(Duration.ofDays(30)),
                new Rank(0), new Rerank(new Diversity(3, 4, 10), new Freshness(14, 0.3), 0.2, 0.1));
    }

    /** These settings with another recall plan. */
    public PipelineSettings withRecall(Recall recall) {
        return new PipelineSettings(recall, filter, rank, rerank);
    }

    /** These settings with other filters. */
    public PipelineSettings withFilter(Filter filter) {
        return new PipelineSettings(recall, filter, rank, rerank);
    }

    /** These settings with another rank stage. */
    public PipelineSettings withRank(Rank rank) {
        return new PipelineSettings(recall, filter, rank, rerank);
    }

    /** These settings with other re-ranking rules. */
    public PipelineSettings withRerank(Rerank rerank) {
        return new PipelineSettings(recall, filter, rank, rerank);
    }

    /**
     * The recall plan.
     *
     * @param sources the settings of every source of {@link #SOURCES}, by name
     * @param maxCandidates most merged candidates ranked per request
     * @param newArrivalsWindow how recently an item must have been listed to be a new arrival
     */
    public record Recall(Map<String, Source> sources, int maxCandidates, Duration newArrivalsWindow) {
        public Recall {
            sources = Map.copyOf(sources);
            if (!sources.keySet().equals(Set.copyOf(SOURCES))) {
                throw new IllegalArgumentException("recall settings must name exactly the sources " + SOURCES);
            }
            if (maxCandidates < 1) {
                throw new IllegalArgumentException("maxCandidates must be at least 1");
            }
        }

        /** The settings of a source. */
        public Source source(String name) {
            Source source = sources.get(name);
            if (source == null) {
                throw new IllegalArgumentException("no recall source " + name + "; known: " + SOURCES);
            }
            return source;
        }

        /** This plan with one source's settings replaced. */
        public Recall withSource(String name, Source source) {
            source(name);
            Map<String, Source> next = new LinkedHashMap<>(sources);
            next.put(name, source);
            return new Recall(next, maxCandidates, newArrivalsWindow);
        }

        public Recall withMaxCandidates(int maxCandidates) {
            return new Recall(sources, maxCandidates, newArrivalsWindow);
        }

        public Recall withNewArrivalsWindow(Duration newArrivalsWindow) {
            return new Recall(sources, maxCandidates, newArrivalsWindow);
        }

        /** The quota of every source, by name. */
        public Map<String, Integer> quotas() {
            Map<String, Integer> out = new LinkedHashMap<>();
            sources.forEach((name, s) -> out.put(name, s.quota()));
            return out;
        }

        /** The merge weight of every source, by name. */
        public Map<String, Double> weights() {
            Map<String, Double> out = new LinkedHashMap<>();
            sources.forEach((name, s) -> out.put(name, s.weight()));
            return out;
        }
    }

    /**
     * One recall source.
     *
     * @param quota most candidates taken from it (0 turns it off)
     * @param weight its weight in the candidate merge (reciprocal rank fusion; 0 turns it off)
     * @param seeds neighbour sources: most recent history items used as seeds
     * @param seedHalfLife neighbour sources: recency half-life of a seed's weight ({@link Duration#ZERO}: every seed
     *            weighs 1)
     */
    public record Source(int quota, double weight, int seeds, Duration seedHalfLife) {
        public Source {
            if (quota < 0 || !(weight >= 0) || Double.isInfinite(weight) || seeds < 1 || seedHalfLife.isNegative()) {
                throw new IllegalArgumentException("invalid recall source settings");
            }
        }

        /** A source that is not seeded by the history. */
        static Source of(int quota) {
            return new Source(quota, 1, 1, Duration.ZERO);
        }

        /** Whether the source contributes candidates. */
        public boolean enabled() {
            return quota > 0 && weight > 0;
        }

        public Source withQuota(int quota) {
            return new Source(quota, weight, seeds, seedHalfLife);
        }

        public Source withWeight(double weight) {
            return new Source(quota, weight, seeds, seedHalfLife);
        }

        public Source withSeeds(int seeds) {
            return new Source(quota, weight, seeds, seedHalfLife);
        }

        public Source withSeedHalfLife(Duration seedHalfLife) {
            return new Source(quota, weight, seeds, seedHalfLife);
        }
    }

    /**
     * Candidates never shown (besides blocked and out-of-stock items, which are never negotiable).
     *
     * @param purchasedWindow items the user bought within this window are not recommended
     */
    public record Filter(Duration purchasedWindow) {
        public Filter {
            if (purchasedWindow.isNegative()) {
                throw new IllegalArgumentException("purchasedWindow must not be negative");
            }
        }
    }

    /**
     * The rank stage.
     *
     * @param recallWeight weight of the recall order against the model's order, by reciprocal rank fusion (0: the
     *            model's order alone)
     */
    public record Rank(double recallWeight) {
        public Rank {
            if (!(recallWeight >= 0) || Double.isInfinite(recallWeight)) {
                throw new IllegalArgumentException("recallWeight must be finite and at least 0");
            }
        }
    }

    /**
     * The re-ranking rules, applied in the order freshness, promotion, exploration, diversity (exploration before
     * diversity, so the diversity limits hold for the explored slot too).
     *
     * @param diversity limits per category and brand in the first slots
     * @param freshness the boost of new items
     * @param promotionBoost a promoted item's score is multiplied by {@code 1 + promotionBoost}
     * @param explorationEpsilon probability that one of the first {@code diversity.window} slots goes to the least
     *            shown candidate below them
     */
    public record Rerank(Diversity diversity, Freshness freshness, double promotionBoost, double explorationEpsilon) {
        public Rerank withDiversity(Diversity diversity) {
            return new Rerank(diversity, freshness, promotionBoost, explorationEpsilon);
        }

        public Rerank withFreshness(Freshness freshness) {
            return new Rerank(diversity, freshness, promotionBoost, explorationEpsilon);
        }

        public Rerank withPromotionBoost(double promotionBoost) {
            return new Rerank(diversity, freshness, promotionBoost, explorationEpsilon);
        }

        public Rerank withExplorationEpsilon(double explorationEpsilon) {
            return new Rerank(diversity, freshness, promotionBoost, explorationEpsilon);
        }
    }

    /**
     * Diversity limits.
     *
     * @param maxPerCategory most items of one category in the first {@code window} slots
     * @param maxPerBrand most items of one brand in those slots
     * @param window the slots the limits apply to
     */
    public record Diversity(int maxPerCategory, int maxPerBrand, int window) {
        public Diversity withMaxPerCategory(int maxPerCategory) {
            return new Diversity(maxPerCategory, maxPerBrand, window);
        }

        public Diversity withMaxPerBrand(int maxPerBrand) {
            return new Diversity(maxPerCategory, maxPerBrand, window);
        }

        public Diversity withWindow(int window) {
            return new Diversity(maxPerCategory, maxPerBrand, window);
        }
    }

    /**
     * The freshness boost.
     *
     * @param days items listed less than this many days ago are boosted, fading linearly with age
     * @param boost a brand-new item's score is multiplied by {@code 1 + boost}
     */
    public record Freshness(double days, double boost) {
        public Freshness withDays(double days) {
            return new Freshness(days, boost);
        }

        public Freshness withBoost(double boost) {
            return new Freshness(days, boost);
        }
    }
}
