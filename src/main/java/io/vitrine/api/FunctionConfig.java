package io.vitrine.api;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Which calls this deployment serves. A serverless deployment runs the same artifact as several functions (see
 * {@code deploy/functions.yaml}), each serving some of the calls so that each can be sized and scaled on its own; a
 * {@code /v1} call this deployment does not serve answers 404 as a problem document, whatever the key. Every key is
 * overridable by an environment variable ({@code vitrine.function.calls} → {@code VITRINE_FUNCTION_CALLS}).
 */
@ConfigMapping(prefix = "vitrine.function")
public interface FunctionConfig {

    /**
     * The calls served, comma-separated: {@code recommend}, {@code feedback}, {@code ab-assign} (the public calls),
     * {@code admin} (every other {@code /v1} operation: catalog, users, experiments, model status and reload), or
     * {@code all}. The operational endpoints under {@code /q} are always served. An unknown name stops the start.
     */
    @WithDefault(ServedCalls.ALL)
    List<String> calls();
}
