/**
 * The recommend pipeline, defined once: {@link io.vitrine.pipeline.PipelineSettings} (every tunable, grouped by stage)
 * under the one table of names {@link io.vitrine.pipeline.PipelineParameters} (used alike by the configuration,
 * experiment variants and {@code evaluate --set}), the {@link io.vitrine.pipeline.RecallPlan} of named sources, and
 * {@link io.vitrine.pipeline.Pipeline}: recall, filter, rank, re-rank, built once per bundle and settings. Serving, the
 * offline evaluation and the trainer all run this class over their own {@link io.vitrine.pipeline.Lookups}, so an
 * offline figure describes the served pipeline. Plain Java.
 */
package io.vitrine.pipeline;
