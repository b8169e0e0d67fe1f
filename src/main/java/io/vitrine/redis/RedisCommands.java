package io.vitrine.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;
import io.vitrine.port.Deadline;
import io.vitrine.port.StoreUnavailableException;

/**
 * Sends pipelined batches with a deadline and converts replies. Works with RESP2 and RESP3 servers (maps and pairs
 * arrive as maps or as flat arrays).
 */
public final class RedisCommands {
    /**
     * Most commands sent in one pipeline. The client queues a handler per command in flight and refuses a pipeline
     * beyond its limit (2,048 by default); a feedback batch of 500 events makes several thousand commands.
     */
    public static final int MAX_PIPELINE = 1000;
    /**
     * Error replies that mean "not now": the dataset is loading, a script is busy, the cluster or a master is down or
     * failing over, a multi-key command meets a slot being migrated, a write reached a replica, or the client closed
     * the connection.
     */
    static final List<String> UNAVAILABLE_REPLIES = List.of("LOADING", "BUSY", "CLUSTERDOWN", "MASTERDOWN",
            "TRYAGAIN", "READONLY", "CONNECTION_CLOSED");
    /**
     * A client-side transport failure that the client reports as an error reply of a batch ({@code ERR [0]
     * io.netty.channel.StacklessClosedChannelException}): Redis itself never names a Java exception.
     */
    private static final Pattern BATCH_REPLY = Pattern.compile("(?m)^ERR \\[\\d+] ([A-Z_]+)");
    private static final Pattern CLIENT_FAILURE = Pattern.compile(
            "\\b(io\\.netty|io\\.vertx|java\\.net|java\\.io|java\\.nio)\\.[\\w.$]*(Exception|Error)\\b");

    private final Redis redis;
    private final Duration timeout;

    public RedisCommands(Redis redis, Duration timeout) {
        this.redis = redis;
        this.timeout = timeout;
    }

    /**
     * Sends the requests as one pipeline (in chunks of {@link #MAX_PIPELINE}, each awaited before the next) and waits
     * for all replies.
     *
     * @throws StoreUnavailableException when Redis is unreachable, closes the connection, exceeds the timeout, or
     *             answers that it cannot serve now (loading, busy, failing over: {@link #UNAVAILABLE_REPLIES})
     * @throws IllegalStateException for any other error reply (a wrong command, type or permission: a bug or a
     *             misconfiguration, which must not pass for an outage)
     */
    public List<Response> batch(List<Request> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        try {
            List<Response> out = new ArrayList<>(requests.size());
            for (int from = 0; from < requests.size(); from += MAX_PIPELINE) {
                List<Request> chunk = requests.subList(from, Math.min(requests.size(), from + MAX_PIPELINE));
                for (io.vertx.mutiny.redis.client.Response r : redis.batch(chunk)
                        .await()
                        .atMost(Deadline.remaining(timeout))) {
                    out.add(r == null ? null : r.getDelegate());
                }
            }
            return out;
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            String message = "Redis batch of " + requests.size() + " commands failed: " + describe(e);
            if (unavailable(e)) {
                throw new StoreUnavailableException(message, e);
            }
            throw new IllegalStateException(message, e);
        }
    }

    /** Sends one request; see {@link #batch}. */
    public Response send(Request request) {
        return batch(List.of(request)).get(0);
    }

    /** A hash reply (HGETALL) as a map; empty for a missing key. */
    public static Map<String, String> toMap(Response reply) {
        Map<String, String> out = new LinkedHashMap<>();
        if (reply == null) {
            return out;
        }
        if (reply.isMap()) {
            for (String key : reply.getKeys()) {
                out.put(key, reply.get(key).toString());
            }
        } else {
            for (int i = 0; i + 1 < reply.size(); i += 2) {
                out.put(reply.get(i).toString(), reply.get(i + 1).toString());
            }
        }
        return out;
    }

    /** An HMGET reply as a map of the requested fields that exist. */
    public static Map<String, String> toMap(List<String> fields, Response reply) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < fields.size() && reply != null && i < reply.size(); i++) {
            Response value = reply.get(i);
            if (value != null) {
                out.put(fields.get(i), value.toString());
            }
        }
        return out;
    }

    /** A sorted-set reply with scores, as (member, score) pairs in reply order. */
    public static List<Map.Entry<String, Double>> toScoredMembers(Response reply) {
        List<Map.Entry<String, Double>> out = new ArrayList<>();
        if (reply == null || reply.size() == 0) {
            return out;
        }
        if (reply.get(0).isArray()) {
            for (Response pair : reply) {
                out.add(Map.entry(pair.get(0).toString(), pair.get(1).toDouble()));
            }
        } else {
            for (int i = 0; i + 1 < reply.size(); i += 2) {
                out.add(Map.entry(reply.get(i).toString(), reply.get(i + 1).toDouble()));
            }
        }
        return out;
    }

    /** Formats a number for a command argument: integers without exponent, others round-trippable. */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /**
     * Whether a failure means Redis cannot serve now (retry later, answer degraded) rather than that the command was
     * wrong. An error reply of Redis is an outage only when it is one of {@link #UNAVAILABLE_REPLIES} (or the client's
     * report of a broken connection in reply form); any other reply (wrong type, unknown command, no permission) is a
     * bug or a misconfiguration. A failure of the client itself (timeout, refused, reset or closed connection,
     * exhausted pool: it reports these under many types) is an outage, except the exceptions of programming errors.
     */
    static boolean unavailable(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof ErrorType reply) {
                String message = String.valueOf(reply.getMessage());
                return UNAVAILABLE_REPLIES.stream().anyMatch(reply::is) || batchReplies(message)
                        || CLIENT_FAILURE.matcher(message).find();
            }
            if (e instanceof NullPointerException || e instanceof IllegalArgumentException
                    || e instanceof ClassCastException || e instanceof IndexOutOfBoundsException
                    || e instanceof UnsupportedOperationException) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a failed batch's reply names an outage for one of its commands: the client reports a batch's failures as
     * one reply of lines {@code ERR [<index>] <the command's reply>}.
     */
    private static boolean batchReplies(String message) {
        Matcher m = BATCH_REPLY.matcher(message);
        while (m.find()) {
            if (UNAVAILABLE_REPLIES.contains(m.group(1))) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
