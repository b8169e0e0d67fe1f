package io.vitrine.api;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.vitrine.config.VitrineConfig;

/** The configured key ring, built once from runtime configuration; warns at start when security is off or empty. */
@ApplicationScoped
@Startup
public class ApiKeys {
    private static final Logger LOG = Logger.getLogger(ApiKeys.class);

    private final boolean enabled;
    private final ApiKeyRing ring;

    /** @param serving false in jobs, which have no HTTP server and need no keys */
    public ApiKeys(VitrineConfig config,
            @ConfigProperty(name = "quarkus.http.host-enabled", defaultValue = "true") boolean serving) {
        VitrineConfig.Security security = config.security();
        this.enabled = security.enabled();
        this.ring = new ApiKeyRing(security.clientKeys().orElse(List.of()), security.adminKeys().orElse(List.of()));
        if (!serving) {
            return;
        }
        if (!enabled) {
            LOG.warn("API key security is DISABLED (vitrine.security.enabled=false): use this only for local demos");
        } else if (ring.isEmpty()) {
            LOG.warn("No API keys configured (vitrine.security.client-keys / admin-keys): every /v1 call will be"
                    + " rejected with 401");
        }
    }

    public boolean enabled() {
        return enabled;
    }

    public ApiKeyRing ring() {
        return ring;
    }
}
