/**
 * The JSON shapes of the public contract, annotated for Jackson and OpenAPI, and their validation into core objects
 * with every failure a field violation: what clients send ({@link io.vitrine.wire.EventInput},
 * {@link io.vitrine.wire.RecommendInput}, {@link io.vitrine.wire.ItemInput}, {@link io.vitrine.wire.UserProfileInput},
 * {@link io.vitrine.wire.ExperimentInput}) and what {@code recommend} answers
 * ({@link io.vitrine.wire.RecommendResponse}). Import files (CSV, JSON Lines) and the stored form of an event use the
 * same shapes, so one validation serves HTTP, the {@code import} job and the trainer.
 */
package io.vitrine.wire;
