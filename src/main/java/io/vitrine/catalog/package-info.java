/**
 * The catalog: items (with the {@code blocked} compliance flag and stock state that re-ranking obeys), optional user
 * profiles, the new-arrival scopes every catalog store keeps, and the flat field encoding of an item shared by every
 * store (an item's catalog fields live in the same hash as its online statistics, so ranking reads both in one
 * command).
 */
package io.vitrine.catalog;
