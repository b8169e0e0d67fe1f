package io.vitrine.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ModelResourceTest} against the packaged application (the jar here, the native binary in the workflow). */
@QuarkusIntegrationTest
class ModelResourceIT extends ModelResourceTest {
}
