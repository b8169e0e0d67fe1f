/**
 * The catalog: items (with the {@code blocked} compliance flag and stock state that re-ranking obeys) and optional user
 * profiles. Wire shapes ({@link io.vitrine.catalog.ItemInput}, {@link io.vitrine.catalog.UserProfileInput}), their
 * validation, the flat field encoding shared by every {@link io.vitrine.catalog.CatalogStore} (an item's catalog fields
 * live in the same hash as its online statistics, so ranking reads both in one command), and the CSV / JSON Lines
 * readers of the {@code import} job.
 */
package io.vitrine.catalog;
