package io.vitrine.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.vitrine.validation.FieldViolation;

/**
 * The optional user-token check ({@code vitrine.abuse.user-tokens}). {@link UserTokenFilter} verifies the token of a
 * public call made with a client key (401 without a valid one); the resource then binds it to the users the request
 * names with {@link #requireSubject} (403 for anyone else). Admin keys act for any user. Built at start, so a
 * configuration that cannot verify tokens stops the service there.
 */
@ApplicationScoped
@Startup
public class UserTokens {
    private static final Logger LOG = Logger.getLogger(UserTokens.class);

    private final boolean enabled;
    private final UserTokenVerifier verifier;
    private final Caller caller;

    /** @param serving false in jobs, which answer no calls */
    public UserTokens(AbuseConfig config, Caller caller,
            @ConfigProperty(name = "quarkus.http.host-enabled", defaultValue = "true") boolean serving) {
        AbuseConfig.UserTokens c = config.userTokens();
        this.enabled = c.enabled() && serving;
        this.caller = caller;
        this.verifier = enabled
                ? new UserTokenVerifier(c.issuer(), c.audience(), c.publicKey(), c.publicKeyLocation(),
                        c.algorithms(), c.clockSkew())
                : null;
        if (enabled) {
            LOG.infof("User tokens required on public calls with client keys: issuer %s, audience %s, keys %s,"
                    + " algorithms %s", c.issuer().orElse("any"), c.audience().orElse("any"),
                    c.publicKeyLocation().orElse("inline"), c.algorithms());
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** The subject of the token in an {@code Authorization} header; see {@link UserTokenVerifier#subject}. */
    String subject(String authorization) {
        return verifier.subject(authorization);
    }

    /**
     * The check of a public call naming one user (recommend, ab-assign): one line in the resource. Does nothing when
     * user tokens are off or an admin key called; a missing userId is left to validation.
     *
     * @throws UserTokenException 403 when {@code userId} is not the subject of the request's token
     */
    public void requireSubject(String userId) {
        requireSubjects(Collections.singletonList(userId), i -> "userId");
    }

    /**
     * The same for several users (every event of a feedback call); each other user is reported under
     * {@code field.apply(i)}.
     */
    public void requireSubjects(List<String> userIds, IntFunction<String> field) {
        if (!enabled || caller.admin()) {
            return;
        }
        String subject = caller.userSubject();
        if (subject == null) {
            throw UserTokenException.invalid("A user token is required: Authorization: Bearer <token>");
        }
        List<FieldViolation> others = new ArrayList<>();
        for (int i = 0; i < userIds.size(); i++) {
            String userId = userIds.get(i);
            if (userId != null && !userId.equals(subject)) {
                others.add(new FieldViolation(field.apply(i), "must be the subject of the user token"));
            }
        }
        if (!others.isEmpty()) {
            throw UserTokenException.notTheSubject(others);
        }
    }
}
