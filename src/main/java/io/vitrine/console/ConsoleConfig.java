package io.vitrine.console;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The operator console under {@code /console}. */
@ConfigMapping(prefix = "vitrine.console")
public interface ConsoleConfig {

    /**
     * Serve the console. It is also off where the deployment does not serve the admin calls
     * ({@code vitrine.function.calls} without {@code admin}).
     */
    @WithDefault("true")
    boolean enabled();

    /** How long a console session lasts after logging in with an admin key; then the console asks again. */
    @WithDefault("PT30M")
    Duration sessionTtl();
}
