package io.vitrine.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import io.vitrine.feature.ScoredItem;
import io.vitrine.recall.AffinitySource;
import io.vitrine.recall.Candidate;
import io.vitrine.recall.CandidateMerger;
import io.vitrine.recall.NeighbourSource;
import io.vitrine.recall.NewArrivalsSource;
import io.vitrine.recall.PopularSource;
import io.vitrine.recall.RecallContext;
import io.vitrine.recall.RecallSource;
import io.vitrine.recall.RecallTables;
import io.vitrine.recall.RecentSource;
import io.vitrine.recall.TrendingSource;

/**
 * The recall stage as configured: the enabled sources of {@link PipelineSettings.Recall}, in the order of
 * {@link PipelineSettings#SOURCES}, each taking at most its quota, merged by weighted reciprocal rank fusion
 * ({@link CandidateMerger}). Sources that need the bundle's tables (ease, item_cf, embedding, popular, affinity) are
 * absent without a bundle; trending and new arrivals read live lists. Built once per bundle and settings: a request
 * only runs it.
 */
public final class RecallPlan {
    private final List<RecallSource> sources;
    private final Map<String, Integer> quotas;
    private final Map<String, Double> weights;
    private final int maxCandidates;

    private RecallPlan(List<RecallSource> sources, PipelineSettings.Recall settings) {
        this.sources = List.copyOf(sources);
        Map<String, Integer> q = new LinkedHashMap<>();
        Map<String, Double> w = new LinkedHashMap<>();
        for (RecallSource source : sources) {
            PipelineSettings.Source s = settings.source(source.name());
            q.put(source.name(), s.quota());
            w.put(source.name(), s.weight());
        }
        this.quotas = Map.copyOf(q);
        this.weights = Map.copyOf(w);
        this.maxCandidates = settings.maxCandidates();
    }

    /**
     * The plan of {@code settings} over a bundle's tables.
     *
     * @param tables the served bundle's recall tables, or null without a bundle
     */
    public static RecallPlan of(PipelineSettings.Recall settings, RecallTables tables, Lookups lookups) {
        List<RecallSource> sources = new ArrayList<>();
        for (String name : PipelineSettings.SOURCES) {
            PipelineSettings.Source s = settings.source(name);
            if (!s.enabled()) {
                continue;
            }
            RecallSource source = source(name, s, settings, tables, lookups);
            if (source != null) {
                sources.add(source);
            }
        }
        return new RecallPlan(sources, settings);
    }

    /** A plan over given sources (tests), with the quotas and weights of {@code settings}. */
    static RecallPlan of(List<RecallSource> sources, PipelineSettings.Recall settings) {
        return new RecallPlan(sources, settings);
    }

    private static RecallSource source(String name, PipelineSettings.Source s, PipelineSettings.Recall settings,
            RecallTables tables, Lookups lookups) {
        return switch (name) {
            case "trending" -> new TrendingSource(lookups.trending());
            case "recent" -> new RecentSource(s.seeds(), s.seedHalfLife());
            case "new_arrivals" -> new NewArrivalsSource(lookups.newArrivals(), settings.newArrivalsWindow());
            default -> tables == null ? null : bundleSource(name, s, tables, lookups);
        };
    }

    private static RecallSource bundleSource(String name, PipelineSettings.Source s, RecallTables tables,
            Lookups lookups) {
        BiFunction<Optional<String>, Integer, List<ScoredItem>> popularity = (category, limit) -> {
            List<ScoredItem> list = category.map(c -> tables.popularity().category(c))
                    .orElse(tables.popularity().global());
            return list.size() <= limit ? list : list.subList(0, limit);
        };
        return switch (name) {
            case "ease" -> new NeighbourSource(name, tables.neighbours(RecallTables.EASE), s.seeds(),
                    s.seedHalfLife());
            case "item_cf" -> new NeighbourSource(name, tables.neighbours(RecallTables.COOCCURRENCE),
                    s.seeds(), s.seedHalfLife());
            case "embedding" -> new NeighbourSource(name, tables.neighbours(RecallTables.EMBEDDING),
                    s.seeds(), s.seedHalfLife());
            case "popular" -> new PopularSource(popularity);
            case "affinity" -> new AffinitySource(popularity, lookups.items());
            default -> throw new IllegalArgumentException("no recall source " + name);
        };
    }

    /** The names of the sources that run, in order. */
    public List<String> sourceNames() {
        return sources.stream().map(RecallSource::name).toList();
    }

    /** The merged candidates of a request, best first, each with every source that produced it. */
    public List<Candidate> recall(RecallContext context) {
        Map<String, List<ScoredItem>> outputs = new LinkedHashMap<>();
        for (RecallSource source : sources) {
            outputs.put(source.name(), source.recall(context, quotas.get(source.name())));
        }
        return CandidateMerger.merge(outputs, quotas, weights, maxCandidates);
    }
}
