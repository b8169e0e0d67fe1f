package io.vitrine.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ClusterEndToEndTest} against the packaged application (the jar here, the native binary in the workflow). */
@QuarkusIntegrationTest
class ClusterEndToEndIT extends ClusterEndToEndTest {
}
