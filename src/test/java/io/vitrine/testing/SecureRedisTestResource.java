package io.vitrine.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vitrine.redis.RedisAccessCheck;

/**
 * A redis-server of its own with TLS ({@code --tls-port}, certificates from {@link TlsMaterial}; the application trusts
 * only their CA, through the TLS registry) and an ACL user {@code vitrine} limited to {@link RedisAccessCheck#aclRule}
 * for the {@code test} profile's key prefix. The application is given {@code rediss://vitrine:<password>@...} with a
 * password the user does NOT have yet ({@link SecureRedis#grantPassword} gives it), so a test can walk from a wrong
 * password through a missing permission to a working user. Log records are captured from before the application starts.
 * Without {@code openssl} or a TLS-capable redis-server, the same runs over the plain port (and says so). Declare with
 * {@code scope = RESTRICTED_TO_CLASS}.
 */
public class SecureRedisTestResource implements QuarkusTestResourceLifecycleManager {
    private SecureRedis redis;

    @Override
    public Map<String, String> start() {
        LogCapture capture = LogCapture.start();
        String password = "app-" + UUID.randomUUID();
        String oldPassword = "old-" + UUID.randomUUID();
        TlsMaterial tls = null;
        RedisServerProcess server = null;
        int tlsPort = -1;
        String withoutTls = null;
        if (!TlsMaterial.available()) {
            withoutTls = "openssl is not on PATH";
        } else {
            tls = TlsMaterial.generate();
            tlsPort = RedisServerProcess.freeLoopbackPort();
            try {
                server = RedisServerProcess.start(false, List.of("--tls-port", Integer.toString(tlsPort),
                        "--tls-cert-file", tls.serverCertificate().toString(), "--tls-key-file", tls.serverKey()
                                .toString(),
                        "--tls-ca-cert-file", tls.caCertificate().toString(), "--tls-auth-clients", "no"), false);
            } catch (IllegalStateException e) {
                withoutTls = "redis-server did not start with --tls-port (built without TLS?): " + e.getMessage();
                tls = null;
            }
        }
        if (server == null) {
            server = RedisServerProcess.start(false);
        }
        redis = new SecureRedis(server, tls != null, withoutTls, password, oldPassword, capture);
        String prefix = "vt";
        List<Object> setUser = new ArrayList<>(List.of("ACL", "SETUSER", SecureRedis.USER, "reset", "on",
                ">" + oldPassword));
        setUser.addAll(List.of(RedisAccessCheck.aclRule(prefix).split(" ")));
        Resp.call(server.port(), setUser.toArray());
        Map<String, String> config = new HashMap<>();
        if (tls != null) {
            config.put("quarkus.redis.hosts",
                    "rediss://" + SecureRedis.USER + ":" + password + "@127.0.0.1:" + tlsPort);
            config.put("quarkus.tls.vitrine-redis.trust-store.pem.certs", tls.caCertificate().toString());
            config.put("quarkus.redis.tls-configuration-name", "vitrine-redis");
            // Check that the certificate names 127.0.0.1 (Vert.x refuses TLS without an algorithm).
            config.put("quarkus.tls.vitrine-redis.hostname-verification-algorithm", "HTTPS");
        } else {
            config.put("quarkus.redis.hosts", "redis://" + SecureRedis.USER + ":" + password + "@127.0.0.1:"
                    + server.port());
        }
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(redis, new TestInjector.AnnotatedAndMatchesType(InjectSecureRedis.class,
                SecureRedis.class));
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.capture().close();
            redis.server().close();
        }
    }

    /** The server and what the test needs to know about it. */
    public record SecureRedis(RedisServerProcess server, boolean tls, String withoutTls, String password,
            String oldPassword, LogCapture capture) {
        /** The ACL user the application connects as. */
        public static final String USER = "vitrine";

        /** Gives the user the password the application was configured with (its permissions stay). */
        public void grantPassword() {
            Resp.call(server.port(), "ACL", "SETUSER", USER, "resetpass", ">" + password);
        }

        /** Changes the user's permissions ({@code -xadd}, {@code +xadd}, ...). */
        public void acl(String... rules) {
            List<Object> command = new ArrayList<>(List.of("ACL", "SETUSER", USER));
            command.addAll(List.of(rules));
            Resp.call(server.port(), command.toArray());
        }
    }

    /** Marks a {@link SecureRedis} field of a test to receive the server. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectSecureRedis {
    }
}
