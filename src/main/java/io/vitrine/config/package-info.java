/**
 * Configuration ({@link io.vitrine.config.VitrineConfig}, every key under {@code vitrine.*}, each overridable by an
 * environment variable such as {@code VITRINE_SECURITY_CLIENT_KEYS}) and the CDI producers that build the plain-Java
 * core objects from it and wire them to the Redis adapters. The core itself carries no CDI annotations.
 */
package io.vitrine.config;
