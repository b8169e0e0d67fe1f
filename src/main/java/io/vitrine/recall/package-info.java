/**
 * Recall tables, computed offline by the trainer from historical interactions and published with the model bundle:
 * item-to-item co-occurrence neighbours ({@link io.vitrine.recall.CooccurrenceBuilder}, streaming, bounded per-user
 * history, shrunk cosine), item embeddings from implicit-feedback ALS ({@link io.vitrine.recall.ImplicitAls} over a
 * sparse {@link io.vitrine.recall.InteractionMatrix}) with their nearest neighbours, EASE item-to-item weights
 * ({@link io.vitrine.recall.Ease}, closed form, over at most a configured number of the most engaged items), and
 * time-decayed popular items per category ({@link io.vitrine.recall.CategoryPopularity}).
 * {@link io.vitrine.recall.RecallTables} holds them and reads and writes them in a versioned, checksummed binary format
 * that rejects unknown versions and damaged input; serving reads them from the loaded bundle, in memory. The recall
 * sources ({@link io.vitrine.recall.RecallSource}) turn them, and live lists, into named candidate lists. Plain Java on
 * primitive arrays: no Quarkus, Redis or storage types, and nothing here is thread-safe unless it says so (built tables
 * are immutable).
 */
package io.vitrine.recall;
