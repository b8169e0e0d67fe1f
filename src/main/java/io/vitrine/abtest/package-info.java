/**
 * A/B tests as use cases over the {@link io.vitrine.port.ExperimentStore} and {@link io.vitrine.port.EventLog} ports:
 * experiment admin under the rules that keep assignments stable, {@code ab-assign}, the treatment of a
 * {@code recommend} call, the attribution of feedback events, and reports
 * ({@link io.vitrine.abtest.ExperimentService}); the definitions an instance serves with, refreshed lazily
 * ({@link io.vitrine.abtest.ExperimentRegistry}). The definitions, assignment, request ids and statistics themselves
 * are in {@code io.vitrine.experiment}.
 */
package io.vitrine.abtest;
