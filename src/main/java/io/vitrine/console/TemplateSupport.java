package io.vitrine.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateExtension;
import io.vitrine.validation.FieldViolation;
import io.vitrine.wire.ItemInput;

/**
 * What the templates need beyond their own records: value resolvers generated at build time for the types of other
 * packages they show (so a native image needs no reflection for them), and URL encoding for query values.
 */
@TemplateData(target = FieldViolation.class)
@TemplateData(target = ItemInput.class)
public final class TemplateSupport {
    private TemplateSupport() {
    }

    /** {@code {value.url}}: the value encoded for a URL query ({@code a b&c} as {@code a+b%26c}). */
    @TemplateExtension
    static String url(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
