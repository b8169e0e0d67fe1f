package io.vitrine.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vitrine.store.Deadline;
import io.vitrine.store.StoreUnavailableException;

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
     * @throws StoreUnavailableException when Redis is unreachable, answers an error, or exceeds the timeout
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
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("Redis batch of " + requests.size() + " commands failed: "
                    + describe(e), e);
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

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
