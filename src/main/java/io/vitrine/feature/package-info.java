/**
 * Online features, defined once (DESIGN principle 1). {@link io.vitrine.feature.FeatureUpdater} turns an accepted event
 * into {@link io.vitrine.feature.FeatureUpdate} operations; a feature store applies them (Redis online, in memory when
 * the trainer replays history); {@link io.vitrine.feature.UserFeatures} and {@link io.vitrine.feature.ItemFeatures}
 * read the stored state back as of a given time. Every update is an increment, a maximum or a set-if-newer, so applying
 * a batch is commutative: concurrent writers never lose updates and replaying events in any order gives the same state.
 * Time decay uses forward decay (Cormode et al., 2009): an event at time t adds {@code w * 2^((t - L) / halfLife)}
 * relative to a landmark L, and readers divide by {@code 2^((now - L) / halfLife)}; landmarks advance every 256
 * half-lives (a "generation") so values stay finite.
 */
package io.vitrine.feature;
