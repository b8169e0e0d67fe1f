package io.vitrine.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link PipelineParityTest} against the packaged application (the jar here, the native binary in the workflow). */
@QuarkusIntegrationTest
class PipelineParityIT extends PipelineParityTest {
}
