/**
 * A/B experiments: definitions with layers, coverage and weighted variants; deterministic assignment of users to
 * variants (MurmurHash3 of salt and user id into 10,000 buckets); the treatment a variant gives a {@code recommend}
 * call; tamper-proof request ids that carry a response's variants to the feedback that follows it; and the per-variant
 * report with confidence intervals, p-values and the sample-ratio-mismatch check. Plain Java; the use cases that store
 * and serve experiments are in {@code io.vitrine.abtest}.
 */
package io.vitrine.experiment;
