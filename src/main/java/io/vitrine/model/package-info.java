/**
 * Model bundles: what the trainer publishes under the model URI ({@code <version>/model.tribuo} in Tribuo's protobuf
 * format, {@code <version>/manifest.json}, recall tables, and {@code LATEST} written last) and how a reader verifies
 * one before using it (manifest format version, SHA-256 of every file, feature schema hash). A bundle that fails any
 * check is refused, never half-used.
 */
package io.vitrine.model;
