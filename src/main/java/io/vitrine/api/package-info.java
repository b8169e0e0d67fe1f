/**
 * The HTTP edge: thin JAX-RS resources over the core services, the API key filter, the request-size guard, and the
 * mapping of every failure to an RFC 7807 {@code application/problem+json} answer (field-level errors for validation
 * failures, 503 with {@code Retry-After} when a store is down, never a stack trace).
 * <p>
 * The OpenAPI document's shared parts are declared on this package, where MicroProfile OpenAPI reads
 * {@code @OpenAPIDefinition}: the two security schemes, the headers, and the error responses the resources refer to by
 * name (see {@link io.vitrine.api.ApiDocument}).
 */
@OpenAPIDefinition(info = @Info(title = "Vitrine API", version = io.vitrine.api.ApiDocument.VERSION,
        description = "Recommendations, feedback and A/B assignment for mobile apps. Every /v1 call needs an"
                + " X-Api-Key header: a client key for recommend, feedback and ab-assign, an admin key for"
                + " everything. Errors are RFC 9457 problem documents (application/problem+json); a validation"
                + " problem lists every invalid field.",
        license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        tags = {
                @Tag(name = "recommend", description = "What to show a user (client key)"),
                @Tag(name = "feedback", description = "What users did: events, stored once each (client key)"),
                @Tag(name = "experiments", description = "A/B tests: a user's variants (client key); definitions"
                        + " and reports (admin key)"),
                @Tag(name = "catalog", description = "Items and user profiles, and erasure of a user (admin key)"),
                @Tag(name = "model", description = "The served model bundle (admin key)")},
        components = @Components(securitySchemes = {
                @SecurityScheme(securitySchemeName = io.vitrine.api.ApiDocument.API_KEY,
                        type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
                        apiKeyName = io.vitrine.api.ApiKeyFilter.HEADER,
                        description = "API key (vitrine.security.client-keys, vitrine.security.admin-keys): a"
                                + " client key may call recommend, feedback and ab-assign, an admin key every /v1"
                                + " operation."),
                @SecurityScheme(securitySchemeName = io.vitrine.api.ApiDocument.USER_TOKEN,
                        type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
                        description = "Optional user token (vitrine.abuse.user-tokens.enabled, off by default)."
                                + " When it is on, recommend, feedback and ab-assign called with a client key"
                                + " need Authorization: Bearer <JWT> from the app's identity provider, and every"
                                + " userId in the request must be the token's sub. Admin keys act for any user"
                                + " without a token.")},
                headers = {
                        @Header(name = io.vitrine.api.ApiDocument.RETRY_AFTER,
                                description = "Whole seconds to wait before retrying",
                                schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1",
                                        examples = "2")),
                        @Header(name = io.vitrine.api.ApiDocument.WWW_AUTHENTICATE,
                                description = "The credential the call needs: ApiKey header=\"X-Api-Key\", or"
                                        + " Bearer for a user token",
                                schema = @Schema(type = SchemaType.STRING,
                                        examples = "ApiKey header=\"X-Api-Key\""))},
                responses = {
                        @APIResponse(name = io.vitrine.api.ApiDocument.INVALID,
                                description = "Invalid request: errors lists every invalid field by its JSON path;"
                                        + " nothing was stored",
                                content = @Content(mediaType = io.vitrine.api.Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = io.vitrine.api.Problem.class),
                                        examples = @ExampleObject(name = "validation", value = """
                                                {"type": "urn:vitrine:problem:validation", "title": "Invalid request",
                                                 "status": 400, "detail": "Invalid recommend request",
                                                 "instance": "/v1/recommend",
                                                 "errors": [{"field": "count", "message": "must be between 1 and 100"}]}
                                                """))),
                        @APIResponse(name = io.vitrine.api.ApiDocument.UNAUTHORIZED,
                                description = "The X-Api-Key header is missing or names no configured key",
                                headers = @Header(name = io.vitrine.api.ApiDocument.WWW_AUTHENTICATE,
                                        ref = io.vitrine.api.ApiDocument.WWW_AUTHENTICATE),
                                content = @Content(mediaType = io.vitrine.api.Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = io.vitrine.api.Problem.class))),
                        @APIResponse(name = io.vitrine.api.ApiDocument.UNAUTHORIZED_USER,
                                description = "The X-Api-Key header is missing or names no configured key; or, with"
                                        + " user tokens on and a client key, the bearer token is missing or does not"
                                        + " verify (the detail names the failed check)",
                                headers = @Header(name = io.vitrine.api.ApiDocument.WWW_AUTHENTICATE,
                                        ref = io.vitrine.api.ApiDocument.WWW_AUTHENTICATE),
                                content = @Content(mediaType = io.vitrine.api.Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = io.vitrine.api.Problem.class))),
                        @APIResponse(name = io.vitrine.api.ApiDocument.ADMIN_ONLY,
                                description = "A client key called an admin operation; it needs an admin key",
                                content = @Content(mediaType = io.vitrine.api.Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = io.vitrine.api.Problem.class))),
                        @APIResponse(name = io.vitrine.api.ApiDocument.NOT_THE_SUBJECT,
                                description = "With user tokens on and a client key: a userId in the request is not"
                                        + " the token's subject; errors lists each such field and nothing was stored",
                                content = @Content(mediaType = io.vitrine.api.Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = io.vitrine.api.Problem.class))),
                        @APIResponse(name = io.vitrine.api.ApiDocument.NOT_ACCEPTABLE,
                                description = "The Accept header rules out application/json",
                                content = @Content(mediaType = io.vitrine.api.Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = io.vitrine.api.Problem.class))),
                        @APIResponse(name = io.vitrine.api.ApiDocument.TOO_LARGE,
                                description = "The body is larger than quarkus.http.limits.max-body-size (1 MB by"
                                        + " default); nothing was read or stored",
                                content = @Content(mediaType = io.vitrine.api.Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = io.vitrine.api.Problem.class))),
                        @APIResponse(name = io.vitrine.api.ApiDocument.UNSUPPORTED_TYPE,
                                description = "The body is not sent as application/json",
                                content = @Content(mediaType = io.vitrine.api.Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = io.vitrine.api.Problem.class))),
                        @APIResponse(name = io.vitrine.api.ApiDocument.RATE_LIMITED,
                                description = "The API key has used up its rate limit on this instance"
                                        + " (vitrine.abuse.rate-limit, off by default); retry after Retry-After"
                                        + " seconds",
                                headers = @Header(name = io.vitrine.api.ApiDocument.RETRY_AFTER,
                                        ref = io.vitrine.api.ApiDocument.RETRY_AFTER),
                                content = @Content(mediaType = io.vitrine.api.Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = io.vitrine.api.Problem.class))),
                        @APIResponse(name = io.vitrine.api.ApiDocument.UNAVAILABLE,
                                description = "A backing store (Redis) is unavailable; nothing was stored or"
                                        + " changed. Retry after Retry-After seconds",
                                headers = @Header(name = io.vitrine.api.ApiDocument.RETRY_AFTER,
                                        ref = io.vitrine.api.ApiDocument.RETRY_AFTER),
                                content = @Content(mediaType = io.vitrine.api.Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = io.vitrine.api.Problem.class))),
                        @APIResponse(name = io.vitrine.api.ApiDocument.INTERNAL,
                                description = "An unexpected error; the detail quotes an error id that is in the"
                                        + " service's log",
                                content = @Content(mediaType = io.vitrine.api.Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = io.vitrine.api.Problem.class)))}))
package io.vitrine.api;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
