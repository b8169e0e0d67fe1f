/**
 * The command line of the one artifact: no command or {@code serve} runs the HTTP service; {@code import},
 * {@code demo-data}, {@code train} and {@code evaluate} run a job and exit. Jobs boot the same Quarkus application
 * (configuration, Redis client) with the HTTP server disabled, so they never open a port. The jobs are
 * {@link io.vitrine.cli.JobCommand} beans of the JVM artifact only: the native function is built without them
 * ({@code vitrine.build.jobs=false}) and only serves.
 */
package io.vitrine.cli;
