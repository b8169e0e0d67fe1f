/**
 * The recommendation pipeline as one plain-Java object ({@link io.vitrine.recommend.Recommender}): named recall
 * sources, candidate merging, one batched feature read, one batched model call, and re-ranking rules. The offline
 * evaluation runs exactly this object; the HTTP edge supplies Redis-backed lookups to it.
 */
package io.vitrine.recommend;
