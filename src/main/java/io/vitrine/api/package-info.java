/**
 * The HTTP edge: thin JAX-RS resources over the core services, the API key filter, the request-size guard, and the
 * mapping of every failure to an RFC 7807 {@code application/problem+json} answer (field-level errors for validation
 * failures, 503 with {@code Retry-After} when a store is down, never a stack trace).
 */
package io.vitrine.api;
