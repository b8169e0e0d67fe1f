/**
 * The {@code feedback} call: {@link io.vitrine.feedback.FeedbackService} validates a batch whole, appends the new
 * events to the event log (deduplicated by {@code eventId} and counted in their experiment arms atomically), then
 * applies their online feature updates. The HTTP resource, the {@code import} job and the dev-mode demo call the same
 * service.
 */
package io.vitrine.feedback;
