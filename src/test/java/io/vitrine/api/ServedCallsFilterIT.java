package io.vitrine.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ServedCallsFilterTest} against the packaged application (the jar here, the native binary in the workflow). */
@QuarkusIntegrationTest
class ServedCallsFilterIT extends ServedCallsFilterTest {
}
