package io.vitrine.api;

/**
 * Names in the OpenAPI document (served at {@code /q/openapi}, committed as {@code src/main/openapi/openapi.yaml}). The
 * parts that belong to no single resource (the user-token security scheme, and the error responses every resource
 * refers to by name, {@code @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)}) are declared on this
 * package ({@code package-info.java}), where MicroProfile OpenAPI reads {@code @OpenAPIDefinition}, with the two
 * security schemes ({@value #API_KEY} and {@value #USER_TOKEN}). Every error is an {@code application/problem+json}
 * {@link Problem}.
 */
public final class ApiDocument {
    /** The version of the API contract (not of the artifact): changes when the document does. */
    public static final String VERSION = "1.0.0";
    /** The API-key security scheme. */
    public static final String API_KEY = "ApiKey";
    /** The optional bearer user-token security scheme. */
    public static final String USER_TOKEN = "UserToken";

    static final String RETRY_AFTER = "Retry-After";
    static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    static final String INVALID = "InvalidRequest";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String UNAUTHORIZED_USER = "UnauthorizedKeyOrUserToken";
    static final String ADMIN_ONLY = "AdminKeyRequired";
    static final String NOT_THE_SUBJECT = "NotTheTokenSubject";
    static final String NOT_ACCEPTABLE = "NotAcceptable";
    static final String TOO_LARGE = "PayloadTooLarge";
    static final String UNSUPPORTED_TYPE = "UnsupportedMediaType";
    static final String RATE_LIMITED = "RateLimited";
    static final String UNAVAILABLE = "StoreUnavailable";
    static final String INTERNAL = "InternalError";

    private ApiDocument() {
    }
}
