/**
 * User events: {@link io.vitrine.event.Event} (validated; every instance satisfies the rules of the feedback contract),
 * the event types and their wire names, the acceptance policy ({@link io.vitrine.event.EventPolicy}: batch size, clock
 * skew, age), and the experiment arms an event counts towards. Plain Java: the feedback use case, the import job, the
 * trainer's replay and the stores all share these types.
 */
package io.vitrine.event;
