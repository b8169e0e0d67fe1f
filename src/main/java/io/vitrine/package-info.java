/**
 * Vitrine: an open-source recommendation service.
 */
package io.vitrine;
