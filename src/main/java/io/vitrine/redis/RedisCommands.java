package io.vitrine.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;
import io.vitrine.store.Deadline;
import io.vitrine.store.StoreUnavailableException;

/**
 * Sends pipelined batches with a deadline and converts replies. Works with RESP2 and RESP3 servers (maps and pairs
 * arrive as maps or as flat arrays), and with one server or a Redis Cluster: on a cluster a batch is split by the
 * master serving each key's hash slot, one pipelined round trip per master, all in parallel (see
 * {@link ClusterPipeline}).
 */
public final class RedisCommands implements AutoCloseable {
    /**
     * Most commands sent in one pipeline. The client queues a handler per command in flight and refuses a pipeline
     * beyond its limit (2,048 by default); a feedback batch of 500 events makes several thousand commands.
     */
    public static final int MAX_PIPELINE = 1000;

    /**
     * Time {@code WAIT} leaves of the round trip's deadline (a fifth, at least this), so that its own answer, with the
     * count of replicas reached, still arrives within the deadline.
     */
    private static final long WAIT_MARGIN_MILLIS = 20;

    private static final Pattern USER_INFO = Pattern.compile("(?i)(rediss?://)[^@/\\s]*@");

    private final RedisPipeline pipeline;
    private final Duration timeout;

    /** Commands on one server (standalone, or whatever the given client routes itself). */
    public RedisCommands(Redis redis, Duration timeout) {
        this(new StandalonePipeline(redis.getDelegate()), timeout);
    }

    private RedisCommands(RedisPipeline pipeline, Duration timeout) {
        this.pipeline = pipeline;
        this.timeout = timeout;
    }

    /**
     * Commands for the client Quarkus configured: routed over the cluster's masters when its type is {@code cluster}
     * ({@code quarkus.redis.client-type}), else through the client itself.
     *
     * @param options the options the client was created with (its seeds, credentials, TLS and pool settings)
     */
    public static RedisCommands of(Redis redis, RedisOptions options, Vertx vertx, Duration timeout) {
        if (options != null && options.getType() == RedisClientType.CLUSTER) {
            return cluster(vertx, options, timeout);
        }
        return new RedisCommands(redis, timeout);
    }

    /** Commands on the Redis Cluster whose seed nodes are the endpoints of {@code options}. */
    public static RedisCommands cluster(Vertx vertx, RedisOptions options, Duration timeout) {
        return new RedisCommands(new ClusterPipeline(vertx, options), timeout);
    }

    /**
     * Sends the requests as one pipeline (in chunks of {@link #MAX_PIPELINE}, each awaited before the next; on a
     * cluster each chunk is one batch per master, in parallel) and waits for all replies, in request order.
     *
     * @throws StoreUnavailableException when Redis is unreachable, answers an error, or exceeds the timeout
     */
    public List<Response> batch(List<Request> requests) {
        return run(requests, true);
    }

    /**
     * Sends write commands as {@link #batch} does, without their replies. On a cluster this never fails for a reply
     * lost to a redirect: each command runs exactly once whatever the cluster answers (a redirected command had not
     * run; the others are not sent again).
     *
     * @throws StoreUnavailableException as {@link #batch} (then some of the writes may have run)
     */
    public void write(List<Request> requests) {
        run(requests, false);
    }

    /** Sends one request; see {@link #batch}. */
    public Response send(Request request) {
        return batch(List.of(request)).get(0);
    }

    /**
     * Sends one write and, on the same connection, {@code WAIT replicas}: the answer comes only once that many replicas
     * have the write (and everything this connection wrote before it), or fails.
     *
     * @param replicas replicas that must have the write; 0 sends it like {@link #send}
     * @throws StoreUnavailableException when fewer replicas confirmed it within the deadline; the write itself may have
     *             run on the master and may still reach the replicas
     */
    public Response sendReplicated(Request request, int replicas) {
        if (replicas <= 0) {
            return send(request);
        }
        long waitMillis;
        try {
            long remaining = Deadline.remaining(timeout).toMillis();
            waitMillis = Math.max(1, remaining - Math.max(WAIT_MARGIN_MILLIS, remaining / 5));
        } catch (StoreUnavailableException e) {
            throw new StoreUnavailableException("Redis write failed: " + e.getMessage(), e);
        }
        List<Response> replies = batch(List.of(request, Request.cmd(Command.WAIT).arg(replicas).arg(waitMillis)));
        long acknowledged = replies.get(1).toLong();
        if (acknowledged < replicas) {
            throw new StoreUnavailableException("the write reached " + acknowledged + " of " + replicas
                    + " replicas within " + waitMillis + " ms (vitrine.redis.ack-replicas)", null);
        }
        return replies.get(0);
    }

    /** Counters of the cluster routing (redirects followed, slot map reads); zeros on a single server. */
    public RoutingStats routingStats() {
        if (pipeline instanceof ClusterPipeline cluster) {
            ClusterPipeline.Stats s = cluster.stats();
            return new RoutingStats(true, s.batches(), s.moved(), s.asked(), s.retried(), s.refreshes());
        }
        return new RoutingStats(false, 0, 0, 0, 0, 0);
    }

    /**
     * What the cluster routing did so far.
     *
     * @param cluster whether commands are routed over a cluster's masters
     * @param batches pipelined batches sent to nodes (one per master a round involves)
     * @param moved {@code MOVED} answers followed
     * @param asked {@code ASK} answers followed
     * @param retried commands sent again (redirected, retried after TRYAGAIN/CLUSTERDOWN or a refused connection)
     * @param slotMapReads {@code CLUSTER SLOTS} reads
     */
    public record RoutingStats(boolean cluster, long batches, long moved, long asked, long retried, long slotMapReads) {
    }

    /** Closes the connections opened for cluster routing (the configured client itself belongs to Quarkus). */
    @Override
    public void close() {
        pipeline.close();
    }

    private List<Response> run(List<Request> requests, boolean replies) {
        if (requests.isEmpty()) {
            return List.of();
        }
        try {
            List<Response> out = new ArrayList<>(requests.size());
            for (int from = 0; from < requests.size(); from += MAX_PIPELINE) {
                List<Request> chunk = requests.subList(from, Math.min(requests.size(), from + MAX_PIPELINE));
                List<io.vertx.redis.client.Request> delegates = new ArrayList<>(chunk.size());
                chunk.forEach(r -> delegates.add(r.getDelegate()));
                long wait = Deadline.remaining(timeout).toNanos();
                out.addAll(pipeline.batch(delegates, replies, System.nanoTime() + wait)
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(wait, TimeUnit.NANOSECONDS));
            }
            return out;
        } catch (ExecutionException e) {
            throw unavailable(requests.size(), e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            throw new StoreUnavailableException("Redis batch of " + requests.size() + " commands failed: no answer"
                    + " within " + timeout + " or the stage's budget", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(requests.size(), e);
        } catch (IllegalArgumentException e) {
            throw e; // a command the cluster cannot run (keys in several slots): a bug, not an outage
        } catch (RuntimeException e) {
            throw unavailable(requests.size(), e);
        }
    }

    private static StoreUnavailableException unavailable(int commands, Throwable cause) {
        return new StoreUnavailableException("Redis batch of " + commands + " commands failed: " + describe(cause),
                cause);
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

    /** Class and message of a failure, with any credentials of a Redis URI in it masked. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + redact(message));
    }

    /** {@code text} with the user info of every {@code redis://} or {@code rediss://} URI in it replaced by ***. */
    static String redact(String text) {
        return USER_INFO.matcher(text).replaceAll("$1***@");
    }
}
