/**
 * The {@code recommend} call: {@link io.vitrine.recommend.RecommendService} picks the bundle and the pipeline built for
 * it, the request's scene and the user's variants, reads the user's features and runs the pipeline within the request's
 * deadline; per-instance caches of item features and live lists in front of the stores; the fallback list of popular
 * items that answers, {@code degraded}, when a store fails or is too slow. The check for a new model runs off the
 * request path.
 */
package io.vitrine.recommend;
