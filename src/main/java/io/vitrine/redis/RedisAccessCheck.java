package io.vitrine.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vitrine.port.StoreUnavailableException;

/**
 * Checks that Redis accepts Vitrine's user for everything Vitrine does: one pipeline of every command it sends (and
 * every command its scripts call), on probe keys under the key prefix that expire within a minute and are deleted at
 * the end. A wrong password ({@code WRONGPASS}, {@code NOAUTH}) or a missing permission ({@code NOPERM}) is a
 * configuration error that no retry cures, unlike an unreachable Redis; the check tells them apart so readiness can
 * fail on the first and only degrade on the second. Messages name the refused commands, never a password.
 *
 * <p>
 * {@link #aclRule} is the Redis ACL rule for such a user (documented in the README). On a cluster the probe keys share
 * one slot, so the check asks the master of that slot; managed clusters apply one ACL to every node.
 */
public final class RedisAccessCheck {
    /**
     * Every command Vitrine sends or calls from its scripts, and the connection commands the client uses
     * ({@code HELLO}, {@code AUTH}, {@code PING}) and the cluster routing ({@code CLUSTER SLOTS}, {@code ASKING}).
     */
    public static final List<String> COMMANDS = List.of("hello", "auth", "ping", "cluster|slots", "asking", "get",
            "set", "exists", "del", "unlink", "expire", "hget", "hset", "hsetnx", "hdel", "hmget", "hgetall", "hlen",
            "hincrby",
            "hincrbyfloat", "zadd", "zincrby", "zrem", "zrange", "zrevrange", "zremrangebyrank", "sadd", "srem",
            "sismember", "scard", "xadd", "xrange", "eval", "wait");

    private final RedisCommands redis;
    private final RedisKeys keys;

    public RedisAccessCheck(RedisCommands redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * The rules of a Redis ACL user limited to what Vitrine needs under {@code prefix}, for
     * {@code ACL SETUSER <name> on ><password> <rules>} or a line of an ACL file.
     */
    public static String aclRule(String prefix) {
        StringJoiner rule = new StringJoiner(" ");
        rule.add("resetkeys").add("~" + prefix + ":*").add("resetchannels").add("-@all");
        COMMANDS.forEach(c -> rule.add("+" + c));
        return rule.toString();
    }

    /** What the check found. */
    public enum Status {
        /** Every command was accepted. */
        GRANTED,
        /** Redis refused the user: a wrong password or a missing permission. */
        REFUSED,
        /** Redis did not answer (or answered another error): nothing known about the user. */
        UNREACHABLE
    }

    /**
     * @param detail what Redis answered, for operators (no credentials)
     */
    public record Result(Status status, String detail) {
    }

    /** Runs the probe pipeline once. */
    public Result check() {
        String s = keys.accessProbe("s");
        String h = keys.accessProbe("h");
        String z = keys.accessProbe("z");
        String t = keys.accessProbe("t");
        String x = keys.accessProbe("x");
        List<Request> probe = new ArrayList<>();
        probe.add(Request.cmd(Command.PING));
        probe.add(Request.cmd(Command.SET).arg(s).arg("1").arg("PX").arg(60_000));
        probe.add(Request.cmd(Command.GET).arg(s));
        probe.add(Request.cmd(Command.EXISTS).arg(s));
        probe.add(Request.cmd(Command.EXPIRE).arg(s).arg(60));
        probe.add(Request.cmd(Command.EVAL).arg("return 1").arg(1).arg(s));
        probe.add(Request.cmd(Command.HSET).arg(h).arg("f").arg("1"));
        probe.add(Request.cmd(Command.EXPIRE).arg(h).arg(60));
        probe.add(Request.cmd(Command.HSETNX).arg(h).arg("g").arg("1"));
        probe.add(Request.cmd(Command.HGET).arg(h).arg("f"));
        probe.add(Request.cmd(Command.HMGET).arg(h).arg("f").arg("g"));
        probe.add(Request.cmd(Command.HGETALL).arg(h));
        probe.add(Request.cmd(Command.HINCRBY).arg(h).arg("n").arg(1));
        probe.add(Request.cmd(Command.HINCRBYFLOAT).arg(h).arg("x").arg("1.5"));
        probe.add(Request.cmd(Command.HLEN).arg(h));
        probe.add(Request.cmd(Command.HDEL).arg(h).arg("f"));
        probe.add(Request.cmd(Command.ZADD).arg(z).arg(1).arg("m"));
        probe.add(Request.cmd(Command.EXPIRE).arg(z).arg(60));
        probe.add(Request.cmd(Command.ZINCRBY).arg(z).arg(1).arg("m"));
        probe.add(Request.cmd(Command.ZRANGE).arg(z).arg(0).arg(-1));
        probe.add(Request.cmd(Command.ZREVRANGE).arg(z).arg(0).arg(-1));
        probe.add(Request.cmd(Command.ZREMRANGEBYRANK).arg(z).arg(0).arg(-2));
        probe.add(Request.cmd(Command.ZREM).arg(z).arg("m"));
        probe.add(Request.cmd(Command.SADD).arg(t).arg("m"));
        probe.add(Request.cmd(Command.EXPIRE).arg(t).arg(60));
        probe.add(Request.cmd(Command.SISMEMBER).arg(t).arg("m"));
        probe.add(Request.cmd(Command.SCARD).arg(t));
        probe.add(Request.cmd(Command.SREM).arg(t).arg("m"));
        probe.add(Request.cmd(Command.XADD).arg(x).arg("MAXLEN").arg(1).arg("*").arg("e").arg("1"));
        probe.add(Request.cmd(Command.EXPIRE).arg(x).arg(60));
        probe.add(Request.cmd(Command.XRANGE).arg(x).arg("-").arg("+").arg("COUNT").arg(1));
        probe.add(Request.cmd(Command.WAIT).arg(0).arg(1));
        probe.add(Request.cmd(Command.UNLINK).arg(x));
        probe.add(Request.cmd(Command.DEL).arg(s).arg(h).arg(z).arg(t));
        try {
            redis.batch(probe);
            return new Result(Status.GRANTED, "every command Vitrine uses is permitted");
        } catch (StoreUnavailableException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            return new Result(refusal(message) ? Status.REFUSED : Status.UNREACHABLE, message);
        }
    }

    /** Whether an error says the user was refused (authentication or authorisation), not that Redis is away. */
    static boolean refusal(String message) {
        String m = message.toUpperCase(Locale.ROOT);
        return m.contains("NOPERM") || m.contains("WRONGPASS") || m.contains("NOAUTH")
                || m.contains("INVALID USERNAME-PASSWORD") || m.contains("USER IS DISABLED")
                || m.contains("CAN'T RUN THIS COMMAND") || m.contains("NO PERMISSIONS");
    }
}
