package io.vitrine.api;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Request helpers for the HTTP tests. */
final class ApiTestSupport {
    static final String CLIENT_KEY = "test-client-key";
    /** Configured only as its SHA-256 digest. */
    static final String HASHED_CLIENT_KEY = "test-hashed-client-key";
    static final String ADMIN_KEY = "test-admin-key";

    private ApiTestSupport() {
    }

    static RequestSpecification client() {
        return given().header(ApiKeyFilter.HEADER, CLIENT_KEY).contentType(ContentType.JSON);
    }

    static RequestSpecification admin() {
        return given().header(ApiKeyFilter.HEADER, ADMIN_KEY).contentType(ContentType.JSON);
    }

    /** An id no other test uses. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
