/**
 * The operator console under {@code /console}: server-rendered pages (Qute templates, checked at build time) that show
 * what an operator otherwise reads from JSON reports and Prometheus text. The overview (served model and its metrics,
 * stage latency percentiles, degraded-answer and feedback rates from the live Micrometer meters), experiments (list,
 * create, ramp, start, stop; the report with CTR and CVR per variant and their 95% intervals as plots, the
 * sample-ratio-mismatch warning, the daily trend), a recommendation preview (two pipelines side by side, each item with
 * its sources, score and rules), the model (published versions with their metrics, feature importance, why a version is
 * refused) and an item lookup.
 *
 * <p>
 * An edge like {@code api}: it calls the same use cases, and every form goes through the same validation as the admin
 * API's JSON bodies, so it shows the same field-level messages. Access: a session cookie obtained by logging in with an
 * admin key ({@link io.vitrine.console.ConsoleSessions}: signed, HttpOnly, SameSite=Strict, Secure over HTTPS,
 * short-lived), CSRF tokens on every form, and no login while API key security is off (dev mode). Pages read without
 * JavaScript; {@code console.js} adds interactive charts (uPlot, from its webjar) where it runs.
 */
package io.vitrine.console;
