/**
 * Vitrine: an open-source recommendation service. The README's "Architecture" section draws the packages and the rules
 * {@code ArchitectureTest} checks.
 *
 * <p>
 * Repetition that {@code duplicates --repo src/main} reports and that is kept on purpose, by kind (every other pair it
 * lists is one of these shapes):
 * <ul>
 * <li>The OpenAPI annotations of the resources ({@code api.*Resource}, {@code api/package-info.java},
 * {@code ApiDocument}): each operation declares its error responses where it is defined, so the contract reads at the
 * resource; an OASFilter adding them would hide them from the reader.</li>
 * <li>Copy methods of settings records ({@code with*} of {@code PipelineSettings}, {@code ExampleOptions},
 * {@code TrainerParameters}, {@code TrainingOptions}, {@code AlsSettings}, ...): one per field, the record's only way
 * to change one value.</li>
 * <li>Picocli options and {@code @ConfigMapping} groups: one declaration per flag or key, each with its own
 * documentation ({@code cli.*Command}, {@code TrainingFlags}, {@code VitrineConfig}).</li>
 * <li>Constructors that assign their parameters and one-line producers ({@code boot.CoreProducers}, the adapters, the
 * services), and the exception classes of the three binary formats ({@code BundleException},
 * {@code TreeFormatException}, {@code RecallTablesFormatException}).</li>
 * <li>The console's chart templates and their builders ({@code resources/templates/console/*.html},
 * {@code console.Charts}): one server-drawn SVG per chart kind, alike in their axes and frames.</li>
 * <li>The tree walk of {@code rank.TreeEnsembleRanker}, written out per block size (the hot loop of ranking), and the
 * chunked array codecs of {@code recall.RecallTablesCodec} and the factorisation loops of {@code Ease} and
 * {@code ImplicitAls} (numeric kernels on different types).</li>
 * <li>The per-thread working arrays of the request path ({@code recall.NeighbourSource},
 * {@code recall.CandidateMerger}): each grows its own arrays, alike in shape only.</li>
 * </ul>
 */
package io.vitrine;
