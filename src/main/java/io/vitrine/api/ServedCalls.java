package io.vitrine.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

/**
 * The calls this deployment serves ({@code vitrine.function.calls}), parsed once at start: an unknown name stops the
 * start rather than silently closing or opening a call.
 */
@ApplicationScoped
@Startup
public class ServedCalls {
    /** The configuration value that serves every call. */
    public static final String ALL = "all";

    private static final Logger LOG = Logger.getLogger(ServedCalls.class);

    /** A call as named in {@code vitrine.function.calls}. */
    public enum Call {
        RECOMMEND("recommend"), FEEDBACK("feedback"), AB_ASSIGN("ab-assign"), ADMIN("admin");

        private final String id;

        Call(String id) {
            this.id = id;
        }

        /** The name used in configuration and in {@code /v1/<name>} of the public calls. */
        public String id() {
            return id;
        }

        /**
         * The call a {@code /v1} request path belongs to: the public calls by their path, everything else is admin.
         *
         * @param path the request path relative to the application root, with or without the leading slash
         */
        public static Call of(String path) {
            String relative = path.startsWith("/") ? path.substring(1) : path;
            String rest = relative.startsWith("v1/") ? relative.substring(3) : relative;
            int slash = rest.indexOf('/');
            String first = slash < 0 ? rest : rest.substring(0, slash);
            for (Call call : List.of(RECOMMEND, FEEDBACK, AB_ASSIGN)) {
                if (call.id.equals(first)) {
                    return call;
                }
            }
            return ADMIN;
        }
    }

    private final Set<Call> served;

    public ServedCalls(FunctionConfig config,
            @ConfigProperty(name = "quarkus.http.host-enabled", defaultValue = "true") boolean serving) {
        this.served = parse(config.calls());
        if (serving && served.size() < Call.values().length) {
            LOG.infof("This deployment serves only: %s (vitrine.function.calls); other /v1 calls answer 404",
                    served.stream().map(Call::id).collect(Collectors.joining(", ")));
        }
    }

    /**
     * Parses configured call names (case-insensitive, blanks ignored).
     *
     * @throws IllegalArgumentException naming every unknown entry, or when nothing is named
     */
    public static Set<Call> parse(Collection<String> names) {
        Set<Call> calls = EnumSet.noneOf(Call.class);
        List<String> unknown = new ArrayList<>();
        for (String raw : names) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals(ALL)) {
                calls.addAll(EnumSet.allOf(Call.class));
                continue;
            }
            Call match = null;
            for (Call call : Call.values()) {
                if (call.id.equals(name)) {
                    match = call;
                }
            }
            if (match == null) {
                unknown.add(raw.trim());
            } else {
                calls.add(match);
            }
        }
        if (!unknown.isEmpty() || calls.isEmpty()) {
            throw new IllegalArgumentException("vitrine.function.calls must list recommend, feedback, ab-assign, admin"
                    + " or all; " + (unknown.isEmpty() ? "it names none" : "unknown: " + String.join(", ", unknown)));
        }
        return Set.copyOf(calls);
    }

    /** Whether this deployment serves the call. */
    public boolean serves(Call call) {
        return served.contains(call);
    }
}
