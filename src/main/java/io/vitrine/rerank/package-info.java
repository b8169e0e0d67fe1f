/**
 * Re-ranking: named rules applied to the ranked list after the model, in order. Rules say why they moved or dropped an
 * item, so {@code explain} can report it. Plain Java, no I/O.
 */
package io.vitrine.rerank;
