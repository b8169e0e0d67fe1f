package io.vitrine.recommend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.vitrine.experiment.Treatment;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureSnapshot;
import io.vitrine.feature.UserFeatures;
import io.vitrine.model.ModelBundle;
import io.vitrine.model.ModelRegistry;
import io.vitrine.pipeline.Pipeline;
import io.vitrine.pipeline.PipelineParameters;
import io.vitrine.pipeline.PipelineSettings;
import io.vitrine.pipeline.RecommendRequest;
import io.vitrine.pipeline.Stages;
import io.vitrine.port.CatalogStore;
import io.vitrine.port.FeatureStore;
import io.vitrine.port.StoreUnavailableException;
import io.vitrine.rerank.RankedItem;

/**
 * Serves {@code recommend}: picks the bundle (the served one, or a variant's version) and the pipeline built for it,
 * the request's scene and the user's variants ({@link Pipelines}), reads the user's features and runs the pipeline
 * within the request's deadline ({@link DeadlineRunner}). When a store fails or is too slow, answers from the
 * {@link FallbackList} and says {@code degraded}: never an error for a store outage. A programming error is not a store
 * outage: it propagates (a 500 with an error id), rather than hiding as a degraded answer.
 */
public final class RecommendService {
    private static final System.Logger LOG = System.getLogger(RecommendService.class.getName());
    /** One warning per streak of degraded answers and then one per interval, not one per request under overload. */
    private final ThrottledWarning degradedLog = new ThrottledWarning(LOG,
            "Feature store unavailable, too slow or instance overloaded; answering from the fallback list",
            Duration.ofSeconds(10));

    private final FeatureStore features;
    private final FeatureSettings featureSettings;
    private final ModelRegistry models;
    private final Clock clock;
    private final Stages stages;
    private final Duration requestTimeout;
    private final DeadlineRunner deadline;
    private final FallbackList fallback;
    private final Pipelines pipelines;
    private final ExecutorService modelChecks;

    /**
     * @param pipeline the settings of requests without a scene of their own
     * @param scenes the settings of the scenes that have a plan of their own ({@code vitrine.recommend.scenes.*})
     * @param stages times each stage (latency metrics per stage)
     * @param executor runs the pipeline so the caller can stop waiting at the request deadline
     */
    public RecommendService(FeatureStore features, CatalogStore catalog, FeatureSettings featureSettings,
            ModelRegistry models, PipelineSettings pipeline, Map<String, PipelineSettings> scenes,
            ServingSettings serving, Clock clock, Stages stages, Executor executor) {
        this.features = features;
        this.featureSettings = featureSettings;
        this.models = models;
        this.clock = clock;
        this.stages = new StageBudgets(stages, serving.stageBudgets());
        this.requestTimeout = serving.requestTimeout();
        this.deadline = new DeadlineRunner(executor, serving.requestTimeout());
        CachedReads reads = new CachedReads(features, catalog, featureSettings, clock, serving);
        this.fallback = new FallbackList(features, reads, serving.fallbackRefresh());
        this.pipelines = new Pipelines(pipeline, scenes, reads.lookups());
        // Serverless instances are frozen between requests, so a background schedule alone may never run: a request
        // starts the check of LATEST when it is due, on this thread, and never waits for it.
        this.modelChecks = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "vitrine-model-check");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** How many items the fallback list holds (0 until the stores answered once). */
    public int fallbackSize() {
        return fallback.size();
    }

    /** Fills the fallback list now (at start, after a model swap), so a store outage soon after has an answer. */
    public void warmUp() {
        fallback.refresh(clock.instant());
    }

    /** Serves a request that no experiment changes. */
    public Recommendation recommend(RecommendRequest request) {
        return recommend(request, Treatment.none(UUID.randomUUID().toString()));
    }

    /** Serves a request with the parameters of the user's experiment variants, timed from now. */
    public Recommendation recommend(RecommendRequest request, Treatment treatment) {
        return recommend(request, treatment, System.nanoTime());
    }

    /**
     * Serves a request that arrived at {@code arrivedAtNanos} ({@link System#nanoTime()}): the request timeout counts
     * from then, so time spent queued behind other requests on an overloaded instance is part of it. A variant's model
     * version is served when it can be loaded; otherwise the current model serves and the answer names the version it
     * used. The degraded answer lists no experiment (the fallback list is shaped by none), but keeps the request id:
     * events that follow it still count in the user's variants, as an outage hits every variant alike.
     */
    public Recommendation recommend(RecommendRequest request, Treatment treatment, long arrivedAtNanos) {
        long due = arrivedAtNanos + requestTimeout.toNanos();
        models.refreshIfDue(modelChecks);
        Optional<ModelBundle> bundle = PipelineParameters.modelVersion(treatment.params())
                .flatMap(models::version)
                .or(models::current);
        Optional<String> version = bundle.map(b -> b.manifest().version());
        Pipeline pipeline = pipelines.get(bundle, request.scene(), treatment.params());
        Instant now = clock.instant();
        try {
            List<RankedItem> items = deadline.run(due, () -> {
                FeatureSnapshot snapshot = stages.time("user", () -> features.read(request.userId(), List.of()));
                UserFeatures user = UserFeatures.of(snapshot.user(), now, featureSettings);
                List<RankedItem> ranked = pipeline.recommend(request, user, now, request.seed(treatment.requestId()),
                        stages);
                fallback.refreshIfDue(now);
                return ranked;
            });
            return new Recommendation(treatment.requestId(), request.userId(), version, treatment.experiments(),
                    false, items);
        } catch (StoreUnavailableException e) {
            degradedLog.warn(e.getMessage());
            return new Recommendation(treatment.requestId(), request.userId(), version, List.of(), true,
                    fallback.answer(request));
        }
    }
}
