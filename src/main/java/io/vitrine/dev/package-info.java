/**
 * Conveniences that exist only in dev mode ({@code ./mvnw quarkus:dev}): a local redis-server started for the developer
 * when none is reachable, so the service runs with one command on a fresh checkout.
 */
package io.vitrine.dev;
