package io.vitrine.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;
import io.vitrine.port.Deadline;
import io.vitrine.port.StoreUnavailableException;

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

    /**
     * Error replies that mean "not now": the dataset is loading, a script is busy, the cluster or a master is down or
     * failing over, a multi-key command meets a slot being migrated, a write reached a replica, the client closed the
     * connection, or Redis refuses the configured user (a deployment error the {@code redis-access} readiness check
     * reports by name; requests meanwhile degrade or answer 503 like for any unreachable store).
     */
    static final List<String> UNAVAILABLE_REPLIES = List.of("LOADING", "BUSY", "CLUSTERDOWN", "MASTERDOWN",
            "TRYAGAIN", "READONLY", "CONNECTION_CLOSED", "NOAUTH", "WRONGPASS", "NOPERM");
    /**
     * A client-side transport failure that the client reports as an error reply of a batch ({@code ERR [0]
     * io.netty.channel.StacklessClosedChannelException}): Redis itself never names a Java exception.
     */
    private static final Pattern BATCH_REPLY = Pattern.compile("(?m)^ERR \\[\\d+] ([A-Z_]+)");
    private static final Pattern CLIENT_FAILURE = Pattern.compile(
            "\\b(io\\.netty|io\\.vertx|java\\.net|java\\.io|java\\.nio)\\.[\\w.$]*(Exception|Error)\\b");
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
     * @throws StoreUnavailableException when Redis is unreachable, closes the connection, exceeds the timeout, or
     *             answers that it cannot serve now (loading, busy, failing over: {@link #UNAVAILABLE_REPLIES})
     * @throws IllegalStateException for any other error reply (a wrong command, type or permission: a bug or a
     *             misconfiguration, which must not pass for an outage)
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
            throw failure(requests.size(), e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            throw new StoreUnavailableException("Redis batch of " + requests.size() + " commands failed: no answer"
                    + " within " + timeout + " or the stage's budget", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("Redis batch of " + requests.size() + " commands interrupted", e);
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw e; // a command the cluster cannot run (keys in several slots): a bug, not an outage
        } catch (RuntimeException e) {
            throw failure(requests.size(), e);
        }
    }

    /**
     * What a failed batch is: an outage ({@link StoreUnavailableException}: the caller degrades or answers 503) or a
     * bug or misconfiguration ({@link IllegalStateException}: a 500 with an error id), by {@link #unavailable}.
     */
    private static RuntimeException failure(int commands, Throwable cause) {
        if (cause instanceof StoreUnavailableException outage) {
            return outage;
        }
        String message = "Redis batch of " + commands + " commands failed: " + describe(cause);
        return unavailable(cause)
                ? new StoreUnavailableException(message, cause)
                : new IllegalStateException(message, cause);
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
                        || CLIENT_FAILURE.matcher(message).find() || RedisAccessCheck.refusal(message);
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
