package io.vitrine.redis;

import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vitrine.experiment.Experiment;
import io.vitrine.port.ExperimentStore;

/**
 * Experiments in one Redis hash (id to JSON). A write is a Lua compare-and-set on the stored revision. Reading every
 * experiment is one {@code HGETALL} of a small hash, done by each instance once per refresh interval, not per request.
 */
public final class RedisExperimentStore implements ExperimentStore {
    private static final System.Logger LOG = System.getLogger(RedisExperimentStore.class.getName());

    /** KEYS[1] hash; ARGV[1] id, ARGV[2] expected revision, ARGV[3] new JSON (absent: delete). */
    static final String CAS_SCRIPT = """
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            local revision = 0
            if current then
              revision = tonumber(cjson.decode(current)['revision'])
            elseif ARGV[3] == nil then
              return 0
            end
            if revision ~= tonumber(ARGV[2]) then
              return 0
            end
            if ARGV[3] == nil then
              redis.call('HDEL', KEYS[1], ARGV[1])
            else
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            end
            return 1
            """;

    private final RedisCommands redis;
    private final RedisKeys keys;

    public RedisExperimentStore(RedisCommands redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public List<Experiment> all() {
        Map<String, String> stored = RedisCommands.toMap(redis.send(Request.cmd(Command.HGETALL)
                .arg(keys.experiments())));
        List<Experiment> out = new ArrayList<>(stored.size());
        stored.forEach((id, json) -> {
            try {
                out.add(ExperimentCodec.decode(json));
            } catch (IllegalArgumentException e) {
                // One unreadable definition (e.g. written by a newer build) must not hide the others.
                LOG.log(Level.WARNING, "Ignoring experiment {0}: {1}", id, e.getMessage());
            }
        });
        return out;
    }

    @Override
    public Optional<Experiment> get(String id) {
        Response reply = redis.send(Request.cmd(Command.HGET).arg(keys.experiments()).arg(id));
        return reply == null ? Optional.empty() : Optional.of(ExperimentCodec.decode(reply.toString()));
    }

    @Override
    public boolean put(Experiment experiment, long expectedRevision) {
        return redis.send(Request.cmd(Command.EVAL)
                .arg(CAS_SCRIPT)
                .arg(1)
                .arg(keys.experiments())
                .arg(experiment.id())
                .arg(expectedRevision)
                .arg(ExperimentCodec.encode(experiment))).toInteger() == 1;
    }

    @Override
    public boolean delete(String id, long expectedRevision) {
        return redis.send(Request.cmd(Command.EVAL)
                .arg(CAS_SCRIPT)
                .arg(1)
                .arg(keys.experiments())
                .arg(id)
                .arg(expectedRevision)).toInteger() == 1;
    }

    @Override
    public byte[] signingKey() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        // Whoever sets it first wins; everyone then reads the same key.
        redis.send(Request.cmd(Command.SET)
                .arg(keys.requestSigningKey())
                .arg(Base64.getEncoder().encodeToString(fresh))
                .arg("NX"));
        Response stored = redis.send(Request.cmd(Command.GET).arg(keys.requestSigningKey()));
        return Base64.getDecoder().decode(stored.toString());
    }
}
