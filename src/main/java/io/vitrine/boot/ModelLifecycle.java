package io.vitrine.boot;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vitrine.config.VitrineConfig;
import io.vitrine.model.ModelRegistry;
import io.vitrine.port.StoreUnavailableException;
import io.vitrine.recommend.RecommendService;

/**
 * When serving: loads the model and fills the recommend fallback list at start, and checks {@code LATEST} on the poll
 * interval in the background. Jobs (no HTTP server) load no model. A missing or broken bundle never stops the start:
 * the service serves without a model and says so in the model status.
 */
@Singleton
public class ModelLifecycle {
    private final Provider<ModelRegistry> registry;
    private final Provider<RecommendService> recommend;
    private final VitrineConfig config;
    private final boolean serving;
    private ScheduledExecutorService poller;

    /** @param registry resolved only when serving, so jobs never open the model store */
    public ModelLifecycle(Provider<ModelRegistry> registry, Provider<RecommendService> recommend, VitrineConfig config,
            @ConfigProperty(name = "quarkus.http.host-enabled", defaultValue = "true") boolean serving) {
        this.registry = registry;
        this.recommend = recommend;
        this.config = config;
        this.serving = serving;
    }

    void start(@Observes StartupEvent event) {
        if (!serving) {
            return;
        }
        ModelRegistry models = registry.get();
        models.reload();
        try {
            recommend.get().warmUp();
        } catch (StoreUnavailableException e) {
            // Redis is not reachable at start: the fallback fills on the first request that reaches it.
        }
        long seconds = Math.max(1, config.model().pollInterval().toSeconds());
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "vitrine-model-poller");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(models::refreshIfDue, seconds, seconds, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
