package io.vitrine.recommend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import io.vitrine.catalog.CatalogStore;
import io.vitrine.feature.FeatureFields;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureSnapshot;
import io.vitrine.feature.FeatureStore;
import io.vitrine.feature.ItemFeatures;
import io.vitrine.feature.RecentItem;
import io.vitrine.feature.ScoredItem;
import io.vitrine.feature.UserFeatures;
import io.vitrine.model.ModelBundle;
import io.vitrine.model.ModelRegistry;
import io.vitrine.recall.AffinitySource;
import io.vitrine.recall.NeighbourSource;
import io.vitrine.recall.NewArrivalsSource;
import io.vitrine.recall.PopularSource;
import io.vitrine.recall.RecallContext;
import io.vitrine.recall.RecallSource;
import io.vitrine.recall.RecallTables;
import io.vitrine.recall.TrendingSource;
import io.vitrine.rerank.BoostRule;
import io.vitrine.rerank.DiversityRule;
import io.vitrine.rerank.ExplorationRule;
import io.vitrine.rerank.RankedItem;
import io.vitrine.store.Deadline;
import io.vitrine.store.StoreUnavailableException;

/**
 * Serves {@code recommend}: the served bundle's recall tables and model (checked lazily for a newer version), live
 * trending lists and features from the feature store, the {@link Recommender} pipeline. When the feature store fails,
 * answers from an in-process list of popular eligible items (refreshed while the store answers) and says
 * {@code degraded}: never an error for a store outage.
 */
public final class RecommendService {
    private static final System.Logger LOG = System.getLogger(RecommendService.class.getName());
    /** One warning per streak of degraded answers and then one per interval, not one per request under overload. */
    private final ThrottledWarning degradedLog = new ThrottledWarning(LOG,
            "Feature store unavailable, too slow or instance overloaded; answering from the fallback list",
            Duration.ofSeconds(10));
    private static final int FALLBACK_SIZE = 200;

    private final FeatureStore features;
    private final CatalogStore catalog;
    private final FeatureSettings featureSettings;
    private final ModelRegistry models;
    private final RecommendSettings settings;
    private final Clock clock;
    private final Stages stages;
    private final AtomicReference<List<String>> fallback = new AtomicReference<>(List.of());
    private final ShortLivedCache<ItemFeatures> itemCache;
    private final Executor executor;
    private final ShortLivedCache<List<ScoredItem>> trendingCache;
    private final ShortLivedCache<List<ScoredItem>> newArrivalsCache;
    private volatile Instant fallbackRefreshedAt = Instant.MIN;

    /**
     * @param stages times each stage (latency metrics per stage)
     * @param executor runs the pipeline so the caller can stop waiting at the request deadline
     */
    public RecommendService(FeatureStore features, CatalogStore catalog, FeatureSettings featureSettings,
            ModelRegistry models, RecommendSettings settings, Clock clock, Stages stages, Executor executor) {
        this.features = features;
        this.catalog = catalog;
        this.featureSettings = featureSettings;
        this.models = models;
        this.settings = settings;
        this.clock = clock;
        this.stages = budgeted(stages, settings.stageTimeouts());
        this.itemCache = new ShortLivedCache<>(settings.cacheTtl(), settings.cacheSize());
        this.executor = executor;
        this.trendingCache = new ShortLivedCache<>(settings.cacheTtl(), 10_000);
        this.newArrivalsCache = new ShortLivedCache<>(settings.cacheTtl(), 10_000);
    }

    /** Times each stage and, for the stages that have one, holds it to its budget. */
    private static Stages budgeted(Stages timers, Map<String, Duration> budgets) {
        return new Stages() {
            @Override
            public <T> T time(String stage, Supplier<T> work) {
                Duration budget = budgets.get(stage);
                return budget == null
                        ? timers.time(stage, work)
                        : timers.time(stage, () -> Deadline.within(stage, budget, work));
            }
        };
    }

    /** How many items the fallback list holds (0 until Redis answered once). */
    public int fallbackSize() {
        return fallback.get().size();
    }

    /** Fills the fallback list now (at start), so a Redis outage right after start still has an answer. */
    public void warmUp() {
        fallbackRefreshedAt = Instant.MIN;
        refreshFallbackIfDue(clock.instant());
    }

    /** Serves a request that no experiment changes. */
    public RecommendResponse recommend(RecommendRequest request) {
        return recommend(request, Treatment.none(UUID.randomUUID().toString()));
    }

    /**
     * Serves a request with the parameters of the user's experiment variants. A variant's model version is served when
     * it can be loaded; otherwise the current model serves and the response names the version it used. The degraded
     * answer lists no experiment (the fallback list is shaped by none), but keeps the request id: events that follow it
     * still count in the user's variants, as an outage hits every variant alike.
     */
    public RecommendResponse recommend(RecommendRequest request, Treatment treatment) {
        return recommend(request, treatment, System.nanoTime());
    }

    /**
     * As {@link #recommend(RecommendRequest, Treatment)} for a request that arrived at {@code arrivedAtNanos}
     * ({@link System#nanoTime()}): the request timeout counts from then, so time spent queued behind other requests on
     * an overloaded instance is part of it. A request that has already waited out its timeout gets the fallback list at
     * once instead of starting work nobody waits for, which lets an overloaded instance drain its queue.
     */
    public RecommendResponse recommend(RecommendRequest request, Treatment treatment, long arrivedAtNanos) {
        long deadline = arrivedAtNanos + settings.requestTimeout().toNanos();
        models.refreshIfDue();
        Optional<ModelBundle> bundle = PipelineParameters.modelVersion(treatment.params())
                .flatMap(models::version)
                .or(models::current);
        RecommendSettings effective = PipelineParameters.apply(settings, treatment.params());
        String requestId = treatment.requestId();
        RecommendResponse.ModelRef model = bundle
                .map(b -> new RecommendResponse.ModelRef("vitrine-ranker", b.manifest().version()))
                .orElse(new RecommendResponse.ModelRef("recall-score", null));
        Instant now = clock.instant();
        try {
            List<RankedItem> ranked = withinDeadline(deadline, () -> {
                List<RankedItem> result = rank(request, bundle, effective, now, requestId);
                refreshFallbackIfDue(now);
                return result;
            });
            return new RecommendResponse(requestId, request.userId(), model, treatment.experiments(), false,
                    ranked.stream().map(r -> item(r, request.explain(), bundle.isPresent())).toList());
        } catch (StoreUnavailableException e) {
            degradedLog.warn(e.getMessage());
            List<RecommendResponse.RecommendedItem> items = new ArrayList<>();
            List<String> popular = fallback.get();
            for (int i = 0; i < popular.size() && items.size() < request.count(); i++) {
                String id = popular.get(i);
                if (!request.exclude().contains(id)) {
                    items.add(new RecommendResponse.RecommendedItem(id, popular.size() - i, List.of("fallback"),
                            request.explain() ? new RecommendResponse.Explanation(null, List.of("fallback")) : null));
                }
            }
            return new RecommendResponse(requestId, request.userId(), model, List.of(), true, items);
        }
    }

    /**
     * Runs the pipeline by the request deadline: a slow store must not make the client wait longer than
     * {@code request-timeout}. Work that overruns is abandoned (its Redis calls end at their own timeout), and work
     * that only gets a thread after its deadline is not started at all.
     */
    private <T> T withinDeadline(long deadline, Supplier<T> work) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new StoreUnavailableException("the request waited " + settings.requestTimeout()
                    + " or longer before it could be served (instance overloaded)", null);
        }
        CompletableFuture<T> future = CompletableFuture.supplyAsync(() -> {
            if (System.nanoTime() - deadline >= 0) {
                throw new StoreUnavailableException("abandoned: the request had already been answered", null);
            }
            return work.get();
        }, executor);
        try {
            return future.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new StoreUnavailableException("recommend exceeded its deadline of " + settings.requestTimeout(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted", e);
        }
    }

    private List<RankedItem> rank(RecommendRequest request, Optional<ModelBundle> bundle,
            RecommendSettings settings, Instant now, String requestId) {
        FeatureSnapshot snapshot = stages.time("user", () -> features.read(request.userId(), List.of()));
        UserFeatures user = UserFeatures.of(snapshot.user(), now, featureSettings);
        Set<String> exclude = new HashSet<>(request.exclude());
        Instant boughtSince = now.minus(settings.purchasedWindow());
        for (RecentItem bought : user.purchased()) {
            if (!Instant.ofEpochMilli(bought.atMillis()).isBefore(boughtSince)) {
                exclude.add(bought.itemId());
            }
        }
        request.anchorItemId().ifPresent(exclude::add);
        RecallContext context = new RecallContext(request.userId(), user.interacted(), request.anchorItemId(),
                user.categoryAffinity(), user.brandAffinity(), exclude, now);
        AffinitySource.PriceBand band = AffinitySource.PriceBand.of(user.purchaseCount(), user.meanPurchasePrice(),
                user.purchasePriceStd());
        Recommender recommender = new Recommender(sources(bundle, band, settings), settings.quotas(),
                settings.sourceWeights(), settings.maxCandidates(), bundle.map(ModelBundle::ranker).orElse(null),
                settings.recallWeight(),
                // Exploration before diversity, so the diversity limits hold for the explored slot too.
                List.of(BoostRule.freshness(settings.freshnessDays(), settings.freshnessBoost()),
                        BoostRule.promotion(settings.promotionBoost()),
                        new ExplorationRule(settings.explorationEpsilon(), settings.diversityWindow(),
                                requestId.hashCode()),
                        new DiversityRule(settings.maxPerCategory(), settings.maxPerBrand(),
                                settings.diversityWindow())));
        return recommender.recommend(user, context, this::itemFeatures, request.count(), stages);
    }

    private List<RecallSource> sources(Optional<ModelBundle> bundle, AffinitySource.PriceBand band,
            RecommendSettings settings) {
        List<RecallSource> sources = new ArrayList<>();
        bundle.ifPresent(b -> {
            RecallTables tables = b.tables();
            // EASE scores the plain sum over the history: every recent item, undecayed.
            sources.add(new NeighbourSource("ease", ids -> tables.neighbours(RecallTables.EASE, ids),
                    featureSettings.recentItemsCap(), Duration.ZERO));
            sources.add(new NeighbourSource("item_cf", ids -> tables.neighbours(RecallTables.COOCCURRENCE, ids), 20,
                    Duration.ofDays(7)));
            sources.add(new NeighbourSource("embedding", ids -> tables.neighbours(RecallTables.EMBEDDING, ids), 20,
                    Duration.ofDays(7)));
            BiFunction<Optional<String>, Integer, List<ScoredItem>> popularity = (category, limit) -> category
                    .map(c -> tables.popularity().category(c))
                    .orElse(tables.popularity().global())
                    .stream()
                    .limit(limit)
                    .toList();
            sources.add(new PopularSource(popularity));
            sources.add(new AffinitySource(popularity, this::itemFeatures, band));
        });
        sources.add(new TrendingSource(this::trending));
        sources.add(new NewArrivalsSource(this::newArrivals, settings.newArrivalsWindow()));
        return sources;
    }

    private Map<String, ItemFeatures> itemFeatures(Collection<String> ids) {
        return itemCache.getAll(ids, missing -> {
            FeatureSnapshot snapshot = features.read(null, missing);
            Instant now = clock.instant();
            Map<String, ItemFeatures> out = new LinkedHashMap<>();
            snapshot.items().forEach((id, state) -> out.put(id, ItemFeatures.of(state, now, featureSettings)));
            return out;
        });
    }

    /** Trending lists through the cache. */
    private Map<String, List<ScoredItem>> trending(List<String> scopes, int limit, Instant now) {
        return cachedLists(trendingCache, scopes, limit, missing -> features.trending(missing, limit, now));
    }

    /** New-arrival lists through the cache (a few seconds of staleness in a list of the last weeks). */
    private Map<String, List<ScoredItem>> newArrivals(List<String> scopes, Instant since, int limit) {
        return cachedLists(newArrivalsCache, scopes, limit, missing -> catalog.newArrivals(missing, since, limit));
    }

    /** Lists by scope through a cache whose keys include the length asked for. */
    private static Map<String, List<ScoredItem>> cachedLists(ShortLivedCache<List<ScoredItem>> cache,
            List<String> scopes, int limit, Function<List<String>, Map<String, List<ScoredItem>>> load) {
        Map<String, List<ScoredItem>> byKey = cache.getAll(scopes.stream().map(s -> limit + "|" + s).toList(),
                missing -> {
                    List<String> missingScopes = missing.stream().map(k -> k.substring(k.indexOf('|') + 1)).toList();
                    Map<String, List<ScoredItem>> out = new LinkedHashMap<>();
                    load.apply(missingScopes).forEach((scope, list) -> out.put(limit + "|" + scope, list));
                    return out;
                });
        Map<String, List<ScoredItem>> out = new LinkedHashMap<>();
        for (String scope : scopes) {
            out.put(scope, byKey.getOrDefault(limit + "|" + scope, List.of()));
        }
        return out;
    }

    /** Keeps a list of popular items that were eligible (known, in stock, not blocked) at the last refresh. */
    private void refreshFallbackIfDue(Instant now) {
        // An empty list (nothing trending yet, e.g. right after start) is retried on the next request.
        if (!fallback.get().isEmpty() && now.isBefore(fallbackRefreshedAt.plus(settings.fallbackRefresh()))) {
            return;
        }
        fallbackRefreshedAt = now;
        List<ScoredItem> trending = features.trending(FeatureFields.TREND_GLOBAL, FALLBACK_SIZE, now);
        Map<String, ItemFeatures> items = itemFeatures(trending.stream().map(ScoredItem::itemId).toList());
        List<String> eligible = new ArrayList<>();
        for (ScoredItem s : trending) {
            ItemFeatures f = items.get(s.itemId());
            if (f != null && f.item().map(i -> i.inStock() && !i.blocked()).orElse(false)) {
                eligible.add(s.itemId());
            }
        }
        if (!eligible.isEmpty()) {
            fallback.set(List.copyOf(eligible));
        }
    }

    private static RecommendResponse.RecommendedItem item(RankedItem r, boolean explain, boolean modelScored) {
        return new RecommendResponse.RecommendedItem(r.itemId(), r.score(), r.sources(),
                explain ? new RecommendResponse.Explanation(modelScored ? r.score() : null, r.rules()) : null);
    }
}
