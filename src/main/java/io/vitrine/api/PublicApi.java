package io.vitrine.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.container.ResourceInfo;

/**
 * Marks a resource method that client keys may call (recommend, feedback, ab-assign). Every other {@code /v1} method
 * needs an admin key: access is closed unless opened here.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface PublicApi {

    /** Which resource methods are public, remembered per method. */
    final class Methods {
        private static final Map<Method, Boolean> PUBLIC = new ConcurrentHashMap<>();

        private Methods() {
        }

        /** Whether the matched resource method (or its class) is marked {@link PublicApi}. */
        static boolean isPublic(ResourceInfo resource) {
            Method method = resource == null ? null : resource.getResourceMethod();
            if (method == null) {
                return false;
            }
            return PUBLIC.computeIfAbsent(method, m -> m.isAnnotationPresent(PublicApi.class)
                    || m.getDeclaringClass().isAnnotationPresent(PublicApi.class));
        }
    }
}
