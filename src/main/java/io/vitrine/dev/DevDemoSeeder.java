package io.vitrine.dev;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import io.vitrine.config.VitrineConfig;
import io.vitrine.demo.DemoMarketplace;
import io.vitrine.demo.DemoSettings;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feedback.FeedbackService;
import io.vitrine.model.ModelRegistry;
import io.vitrine.pipeline.PipelineSettings;
import io.vitrine.port.CatalogStore;
import io.vitrine.port.ObjectStore;
import io.vitrine.port.StoreUnavailableException;
import io.vitrine.recommend.RecommendService;
import io.vitrine.storage.ObjectStoreFactory;
import io.vitrine.train.ExampleOptions;
import io.vitrine.train.TrainingOptions;
import io.vitrine.train.TrainingPipeline;

/**
 * In dev mode, makes {@code ./mvnw quarkus:dev} recommend out of the box: when Redis holds no catalog it imports a
 * small demo marketplace (the {@code demo-data} generator: 1,000 users, 200 items, 14 days), and when the model store
 * has no model it trains one on that marketplace and publishes it. Runs in the background after the dev Redis is up;
 * off with {@code vitrine.dev-demo=false}. The marketplace is deterministic (seed 42), so a later start finds it in
 * place.
 */
@Singleton
@IfBuildProfile("dev")
public class DevDemoSeeder {
    private static final Logger LOG = Logger.getLogger(DevDemoSeeder.class);
    private static final int BATCH = 500;

    private final CatalogStore catalog;
    private final FeedbackService feedback;
    private final ModelRegistry models;
    private final RecommendService recommend;
    private final ObjectStoreFactory stores;
    private final FeatureSettings features;
    private final VitrineConfig config;
    private final PipelineSettings pipeline;

    public DevDemoSeeder(CatalogStore catalog, FeedbackService feedback, ModelRegistry models,
            RecommendService recommend, ObjectStoreFactory stores, FeatureSettings features, VitrineConfig config,
            PipelineSettings pipeline) {
        this.pipeline = pipeline;
        this.catalog = catalog;
        this.feedback = feedback.forHistory();
        this.models = models;
        this.recommend = recommend;
        this.stores = stores;
        this.features = features;
        this.config = config;
    }

    /** After the dev Redis launcher (default priority) and the model lifecycle have started. */
    void start(@Observes @Priority(5000) StartupEvent event) {
        if (!config.devDemo()) {
            return;
        }
        Thread thread = new Thread(this::seed, "vitrine-dev-demo");
        thread.setDaemon(true);
        thread.start();
    }

    /** Redis may still be loading its append-only file right after the dev launcher started it: wait for it. */
    private void seed() {
        for (int attempt = 1;; attempt++) {
            try {
                seedOnce();
                return;
            } catch (StoreUnavailableException e) {
                if (attempt == 30) {
                    LOG.warnf("Dev mode: could not seed the demo marketplace: %s", e.getMessage());
                    return;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void seedOnce() {
        Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS);
        DemoMarketplace market = new DemoMarketplace(new DemoSettings(1000, 200, 14, 42, end));
        if (catalog.items(List.of(market.items().get(0).itemId())).isEmpty()) {
            LOG.info("Dev mode: Redis has no catalog; importing the demo marketplace (vitrine.dev-demo=false"
                    + " turns this off)");
            importMarket(market);
            // The fallback list was filled at start from an empty Redis: fill it now, so a recommend sent while the
            // model trains (and degrades, the training having both cores) still gets popular items.
            recommend.warmUp();
        }
        if (models.current().isEmpty()) {
            LOG.infof("Dev mode: no model in %s; training one on the demo marketplace", config.model().uri());
            trainAndPublish(market, end);
            models.reload();
            recommend.warmUp();
        }
    }

    private void importMarket(DemoMarketplace market) {
        catalog.upsertItems(market.items());
        catalog.upsertUsers(market.users());
        long events = feedback.ingestValid(market::events, BATCH);
        LOG.infof("Dev mode: imported %d items, %d users and %d events", market.items().size(),
                market.users().size(), events);
    }

    private void trainAndPublish(DemoMarketplace market, Instant end) {
        ExampleOptions options = ExampleOptions.candidates(end.minus(Duration.ofDays(3)))
                .withSeed(42);
        TrainingPipeline.Result trained = new TrainingPipeline(features, pipeline, TrainingOptions.defaults(options))
                .run(market.items(), market::events, progress -> {
                });
        try (ObjectStore store = stores.open(config.model().uri())) {
            String version = trained.publish(store, Clock.systemUTC()).version();
            LOG.infof("Dev mode: published model %s (validation AUC %.3f) to %s", version, trained.report().auc(),
                    store.location());
        }
    }
}
