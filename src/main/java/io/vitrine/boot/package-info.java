/**
 * The composition root: CDI producers that build the plain-Java core and use cases from the configuration and bind the
 * ports to the Redis and storage adapters, the start-up and polling of the model, the stage timers, and the classes a
 * native image keeps for reflection. Nothing else depends on this package; the core carries no CDI annotations.
 */
package io.vitrine.boot;
