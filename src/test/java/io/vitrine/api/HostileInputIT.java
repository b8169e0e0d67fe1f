package io.vitrine.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link HostileInputTest} against the packaged application (the jar here, the native binary in the workflow). */
@QuarkusIntegrationTest
class HostileInputIT extends HostileInputTest {
}
