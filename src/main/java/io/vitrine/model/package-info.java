/**
 * Model bundles: what the trainer publishes under the model URI ({@code <version>/model.tribuo} in Tribuo's protobuf
 * format, {@code <version>/trees.bin} with the same model's trees in Vitrine's own versioned format, recall tables,
 * {@code <version>/manifest.json}, and {@code LATEST} written last) and how a reader verifies one before using it
 * (manifest and trees format versions, SHA-256 of every file, feature schema hash). A bundle that fails any check is
 * refused, never half-used. Serving with the {@code java} evaluator reads the trees file and never deserializes the
 * Tribuo model.
 */
package io.vitrine.model;
