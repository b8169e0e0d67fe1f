/**
 * Configuration: {@link io.vitrine.config.VitrineConfig}, every key under {@code vitrine.*} with a line of javadoc,
 * each overridable by an environment variable such as {@code VITRINE_SECURITY_CLIENT_KEYS}. The pipeline's keys are the
 * names of {@code io.vitrine.pipeline.PipelineParameters} under {@code vitrine.recommend.}.
 */
package io.vitrine.config;
