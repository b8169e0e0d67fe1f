/**
 * The command line of the one artifact: no command or {@code serve} runs the HTTP service; {@code import} (and, in
 * later versions, {@code demo-data}, {@code train}, {@code evaluate}) runs a job and exits. Jobs boot the same Quarkus
 * application (configuration, Redis client) with the HTTP server disabled, so they never open a port.
 */
package io.vitrine.cli;
