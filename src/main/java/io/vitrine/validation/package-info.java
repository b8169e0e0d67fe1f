/**
 * Field-level validation results shared by every input path (HTTP, import, trainer). A validator returns a list of
 * {@link io.vitrine.validation.FieldViolation}s naming the offending field by its JSON path ({@code events[3].userId}),
 * so the HTTP layer can answer with one RFC 7807 problem listing every error at once, and a batch job can print the
 * same messages with line numbers.
 */
package io.vitrine.validation;
