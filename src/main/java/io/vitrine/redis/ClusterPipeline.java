package io.vitrine.redis;

import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import io.vertx.redis.client.impl.RequestImpl;

/**
 * Redis Cluster routing for pipelines, which the Vert.x cluster client does not do (it refuses a batch whose keys live
 * on more than one node, and resends a whole batch on a redirect). A round of commands is split by the master that
 * serves each command's hash slot, each master's share goes out as one pipelined batch on one pooled connection, all
 * masters in parallel, and the replies are put back in request order. So a round costs one round trip per master
 * involved, never one per key, and the masters work at the same time.
 *
 * <ul>
 * <li><b>Slot map.</b> Read with {@code CLUSTER SLOTS} from a seed on first use and again whenever the cluster says it
 * changed (a {@code MOVED} answer, a master that refuses connections); one read at a time, from any node it knows.</li>
 * <li><b>MOVED</b> (the slot has a new owner): the map is corrected for that slot at once and re-read in the
 * background, and the command is sent to the new owner. The command was not executed, so sending it again is safe.</li>
 * <li><b>ASK</b> (the slot is being migrated and this key already left): the command goes to the target node preceded
 * by {@code ASKING} in the same batch; the map does not change.</li>
 * <li><b>TRYAGAIN, CLUSTERDOWN</b> (a multi-key command during a migration; no master for a slot during a failover):
 * the command is sent again after a short backoff, while the deadline allows.</li>
 * <li><b>A master that refuses connections</b> (killed, failed over): nothing was sent, so after re-reading the map the
 * commands go to the new owner if there is one; otherwise the round fails and the caller degrades.</li>
 * <li>Any other error answer, and a connection lost with commands in flight (which may or may not have run), fail the
 * round without resending anything.</li>
 * </ul>
 *
 * A batch that fails on the server reports only its error answers (Vert.x then drops the other replies), so after a
 * redirect the commands that did succeed are sent again only when that is harmless: reads, and a keyless command such
 * as {@code WAIT} together with the write it follows. A write that succeeded is never sent twice; if its reply was
 * wanted, the round fails instead ({@link RedisCommands#write} takes no replies and so never fails for this).
 *
 * <p>
 * Every command's keys must share one slot (the key layout guarantees it; see {@link RedisKeys}); a command whose keys
 * span slots is refused before anything is sent. A keyless command ({@code WAIT}) travels with the command before it.
 * Connections are pooled per master with the options of the configured client (TLS, credentials, pool size); node names
 * in the slot map, in logs and in errors never carry credentials.
 */
final class ClusterPipeline implements RedisPipeline {
    private static final System.Logger LOG = System.getLogger(ClusterPipeline.class.getName());

    /** Rounds per call: the first send and up to this many minus one redirects or retries. */
    static final int MAX_ROUNDS = 6;
    /** Least time between two slot map reads started by failures (MOVED answers correct the map themselves). */
    private static final long REFRESH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How long one node may take to answer {@code CLUSTER SLOTS} before the next one is asked. */
    private static final long QUERY_TIMEOUT_MILLIS = 3000;
    /** First backoff after TRYAGAIN or CLUSTERDOWN; doubles per round. */
    private static final long BACKOFF_MILLIS = 10;

    /** Commands sent again after a redirect of a neighbour in the same batch: they change nothing. */
    private static final Set<String> REPEATABLE = Set.of("get", "mget", "hget", "hgetall", "hmget", "hlen", "hexists",
            "scard", "sismember", "smembers", "zrange", "zrevrange", "zrangebyscore", "zscore", "zcard", "xrange",
            "xrevrange", "xlen", "exists", "type", "ttl", "pttl", "strlen", "ping", "echo");

    private final Vertx vertx;
    private final RedisOptions template;
    private final String scheme;
    private final String userInfo;
    private final List<String> seeds;
    private final Map<String, Redis> clients = new ConcurrentHashMap<>();
    private final AtomicReference<Future<SlotMap>> refreshing = new AtomicReference<>();
    private volatile SlotMap slots;
    private volatile long lastRefreshStart = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    private final LongAdder batches = new LongAdder();
    private final LongAdder moved = new LongAdder();
    private final LongAdder asked = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder refreshes = new LongAdder();

    /**
     * @param options the configured client's options: its endpoints are the seeds ({@code redis://} or
     *            {@code rediss://}, credentials in the user info or {@link RedisOptions#getPassword()}); pool, TLS and
     *            protocol settings apply to every node
     */
    ClusterPipeline(Vertx vertx, RedisOptions options) {
        this.vertx = vertx;
        this.template = new RedisOptions(options).setType(RedisClientType.STANDALONE);
        List<String> seedEndpoints = new ArrayList<>();
        String firstScheme = null;
        String firstUserInfo = null;
        for (String endpoint : options.getEndpoints()) {
            URI uri = URI.create(endpoint.trim());
            if (firstScheme == null) {
                firstScheme = uri.getScheme() == null ? "redis" : uri.getScheme().toLowerCase(Locale.ROOT);
                firstUserInfo = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@";
            }
            seedEndpoints.add(SlotMap.endpoint(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()));
        }
        if (seedEndpoints.isEmpty()) {
            throw new IllegalArgumentException("no Redis Cluster node configured (quarkus.redis.hosts)");
        }
        this.scheme = firstScheme;
        this.userInfo = firstUserInfo;
        this.seeds = List.copyOf(seedEndpoints);
    }

    /** Counters of what the routing had to do, for tests and operators. */
    record Stats(long batches, long moved, long asked, long retried, long refreshes) {
    }

    Stats stats() {
        return new Stats(batches.sum(), moved.sum(), asked.sum(), retried.sum(), refreshes.sum());
    }

    /** The slot map in use (read on first call). */
    Future<SlotMap> slotMap() {
        SlotMap current = slots;
        return current != null ? Future.succeededFuture(current) : refresh();
    }

    @Override
    public Future<List<Response>> batch(List<Request> requests, boolean replies, long deadlineNanos) {
        List<Pending> pending = pending(requests);
        Response[] out = new Response[requests.size()];
        Call call = new Call(out, replies, deadlineNanos);
        return slotMap().compose(map -> call.round(pending, 1)).map(done -> Arrays.asList(out));
    }

    @Override
    public void close() {
        clients.values().forEach(Redis::close);
        clients.clear();
    }

    /** One command of a call and where it goes. */
    private static final class Pending {
        final int index;
        final Request request;
        /** The hash slot of its keys; -1 for a keyless command. */
        final int slot;
        /** For a keyless command: the command it travels with (null when it is the first of the call). */
        final Pending leader;
        /** Where an ASK answer sent it (with ASKING first); null: where the slot map says. */
        String askTarget;

        Pending(int index, Request request, int slot, Pending leader) {
            this.index = index;
            this.request = request;
            this.slot = slot;
            this.leader = leader;
        }
    }

    private static List<Pending> pending(List<Request> requests) {
        List<Pending> out = new ArrayList<>(requests.size());
        Pending previous = null;
        for (int i = 0; i < requests.size(); i++) {
            Request request = requests.get(i);
            List<byte[]> keys = keysOf(request);
            Pending p;
            if (keys.isEmpty()) {
                p = new Pending(i, request, -1, previous == null
                        ? null
                        : previous.leader == null
                                ? previous
                                : previous.leader);
            } else {
                int slot = HashSlot.of(keys.get(0));
                for (int k = 1; k < keys.size(); k++) {
                    if (HashSlot.of(keys.get(k)) != slot) {
                        throw new IllegalArgumentException("CROSSSLOT: the keys of one " + request.command()
                                + " command hash to different cluster slots (use one hash tag)");
                    }
                }
                p = new Pending(i, request, slot, null);
            }
            out.add(p);
            previous = p;
        }
        return out;
    }

    /**
     * The keys of a command as the client's command table locates them (the same table the Vert.x cluster client routes
     * by; {@code RequestImpl} is an implementation class, so the key extraction is covered by the cluster tests of
     * every store, which fail if a command goes to a node that does not serve its slot).
     */
    private static List<byte[]> keysOf(Request request) {
        return ((RequestImpl) request).keys();
    }

    /** The state of one call across its rounds. */
    private final class Call {
        private final Response[] out;
        private final boolean replies;
        private final long deadlineNanos;
        private Throwable lastError;

        Call(Response[] out, boolean replies, long deadlineNanos) {
            this.out = out;
            this.replies = replies;
            this.deadlineNanos = deadlineNanos;
        }

        /** Sends {@code pending}, grouped by node, and then whatever must be sent again. */
        Future<Void> round(List<Pending> pending, int round) {
            SlotMap map = slots;
            Map<String, List<Pending>> byNode = new LinkedHashMap<>();
            Map<Pending, String> targets = new HashMap<>();
            for (Pending p : pending) {
                String node = target(p, map);
                targets.put(p, node);
                byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(p);
            }
            List<Future<Outcome>> sent = new ArrayList<>(byNode.size());
            byNode.forEach((node, group) -> sent.add(send(node, group)));
            return Future.all(sent).compose(all -> {
                List<Pending> again = new ArrayList<>();
                Map<Integer, String> movedSlots = new LinkedHashMap<>();
                List<String> refused = new ArrayList<>();
                Throwable refusal = null;
                boolean backoff = false;
                for (int i = 0; i < all.size(); i++) {
                    Outcome outcome = all.resultAt(i);
                    if (outcome.fatal != null) {
                        return Future.failedFuture(outcome.fatal);
                    }
                    again.addAll(outcome.again);
                    movedSlots.putAll(outcome.moved);
                    if (outcome.refused != null) {
                        refused.add(outcome.refused);
                        refusal = outcome.error;
                        lastError = outcome.error;
                    } else if (outcome.error != null) {
                        lastError = outcome.error;
                    }
                    backoff |= outcome.backoff;
                }
                if (again.isEmpty()) {
                    return Future.succeededFuture();
                }
                again.sort(Comparator.comparingInt(p -> p.index));
                if (round >= MAX_ROUNDS || System.nanoTime() - deadlineNanos > 0) {
                    return Future.failedFuture(giveUp(round));
                }
                retried.add(again.size());
                if (!movedSlots.isEmpty()) {
                    SlotMap patched = slots;
                    for (Map.Entry<Integer, String> m : movedSlots.entrySet()) {
                        patched = patched.moved(m.getKey(), m.getValue());
                    }
                    slots = patched;
                    refreshSoon();
                }
                Future<Void> before = Future.succeededFuture();
                if (!refused.isEmpty()) {
                    // Nothing reached the refusing master: re-read the map and send where it now points, if elsewhere.
                    Throwable refusedCause = refusal;
                    before = refreshUnlessRecent().compose(fresh -> {
                        for (Pending p : again) {
                            if (refused.contains(targets.get(p)) && refused.contains(target(p, fresh))) {
                                return Future.failedFuture(refusedCause);
                            }
                        }
                        return Future.succeededFuture();
                    });
                }
                if (backoff) {
                    long delay = BACKOFF_MILLIS << Math.min(round - 1, 6);
                    if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) - deadlineNanos > 0) {
                        return Future.failedFuture(giveUp(round));
                    }
                    before = before.compose(v -> timer(delay));
                }
                return before.compose(v -> round(again, round + 1));
            });
        }

        private Throwable giveUp(int round) {
            return new IllegalStateException("Redis Cluster did not settle within " + round + " rounds: "
                    + (lastError == null ? "no answer" : RedisCommands.describe(lastError)), lastError);
        }

        /** Sends one node's share as one batch and sorts out its answers. */
        private Future<Outcome> send(String node, List<Pending> group) {
            List<Request> batch = new ArrayList<>(group.size() + 1);
            List<Pending> positions = new ArrayList<>(group.size() + 1);
            for (Pending p : group) {
                if (p.askTarget != null && p.leader == null) {
                    batch.add(Request.cmd(Command.ASKING));
                    positions.add(null);
                }
                batch.add(p.request);
                positions.add(p);
            }
            Promise<Outcome> promise = Promise.promise();
            batches.increment();
            client(node).batch(batch).onComplete(ar -> {
                try {
                    promise.complete(ar.succeeded()
                            ? delivered(ar.result(), positions)
                            : failed(node, ar.cause(), positions));
                } catch (RuntimeException e) {
                    promise.complete(Outcome.fatal(e));
                }
            });
            return promise.future();
        }

        private Outcome delivered(List<Response> answers, List<Pending> positions) {
            for (int i = 0; i < positions.size(); i++) {
                Pending p = positions.get(i);
                if (p != null) {
                    out[p.index] = answers.get(i);
                }
            }
            return Outcome.DONE;
        }

        private Outcome failed(String node, Throwable cause, List<Pending> positions) {
            if (!(cause instanceof Response error && error.type() == ResponseType.ERROR)) {
                if (isConnectFailure(cause)) {
                    // Refused before anything was written: every command may go elsewhere once the map says so.
                    List<Pending> again = new ArrayList<>();
                    positions.forEach(p -> {
                        if (p != null) {
                            again.add(p);
                        }
                    });
                    return Outcome.refused(node, cause, again);
                }
                refreshSoon(); // commands may have run; the caller decides what a failure means
                return Outcome.fatal(cause);
            }
            Map<Integer, String> errors = errorsByPosition(cause.getMessage());
            if (errors == null) {
                return Outcome.fatal(cause);
            }
            Outcome outcome = new Outcome();
            outcome.error = cause;
            Set<Pending> resent = new LinkedHashSet<>();
            for (Map.Entry<Integer, String> e : errors.entrySet()) {
                int position = e.getKey();
                String answer = e.getValue();
                Pending p = position < positions.size() ? positions.get(position) : null;
                if (p == null) {
                    return Outcome.fatal(cause); // ASKING itself failed, or an answer we cannot place
                }
                if (answer.startsWith("MOVED ")) {
                    String target = redirectTarget(answer, node);
                    moved.increment();
                    outcome.moved.put(p.slot, target);
                    p.askTarget = null;
                    resent.add(p);
                } else if (answer.startsWith("ASK ")) {
                    asked.increment();
                    p.askTarget = redirectTarget(answer, node);
                    resent.add(p);
                } else if (answer.startsWith("TRYAGAIN") || answer.startsWith("CLUSTERDOWN")) {
                    outcome.backoff = true;
                    resent.add(p);
                } else {
                    return Outcome.fatal(cause);
                }
            }
            // The commands that did run: their replies are gone with the failed batch.
            for (int i = 0; i < positions.size(); i++) {
                Pending p = positions.get(i);
                if (p == null || errors.containsKey(i)) {
                    continue;
                }
                boolean repeatable = p.leader != null
                        ? resent.contains(p.leader)
                        : REPEATABLE.contains(p.request.command().toString().toLowerCase(Locale.ROOT));
                if (repeatable && (replies || p.leader != null)) {
                    resent.add(p);
                } else if (repeatable) {
                    continue;
                } else if (replies) {
                    return Outcome.fatal(new IllegalStateException("the reply of " + p.request.command()
                            + " was lost when another command of its pipeline was redirected ("
                            + errors.values().iterator().next() + "); it ran once and is not sent again"));
                }
            }
            outcome.again.addAll(resent);
            return outcome;
        }

        /** Where a command goes: after an ASK to the target, else to its slot's master (a keyless one: its leader). */
        private String target(Pending p, SlotMap map) {
            if (p.leader != null) {
                return target(p.leader, map);
            }
            if (p.askTarget != null) {
                return p.askTarget;
            }
            String master = p.slot < 0 ? null : map.master(p.slot);
            if (master != null) {
                return master;
            }
            List<String> masters = map.masters();
            return masters.get(ThreadLocalRandom.current().nextInt(masters.size()));
        }
    }

    /** What one node's batch needs next. */
    private static final class Outcome {
        static final Outcome DONE = new Outcome();
        final List<Pending> again = new ArrayList<>();
        final Map<Integer, String> moved = new LinkedHashMap<>();
        boolean backoff;
        Throwable fatal;
        Throwable error;
        String refused;

        static Outcome fatal(Throwable cause) {
            Outcome o = new Outcome();
            o.fatal = cause;
            return o;
        }

        static Outcome refused(String node, Throwable cause, List<Pending> again) {
            Outcome o = new Outcome();
            o.refused = node;
            o.error = cause;
            o.again.addAll(again);
            return o;
        }
    }

    /**
     * The error answers of a failed Vert.x batch by position: it reports them as one error of lines
     * {@code ERR [position] answer} (dropping the other replies); null when the message has another form.
     */
    static Map<Integer, String> errorsByPosition(String message) {
        if (message == null) {
            return null;
        }
        Map<Integer, String> out = new LinkedHashMap<>();
        for (String line : message.split("\\R")) {
            if (!line.startsWith("ERR [")) {
                return null;
            }
            int close = line.indexOf("] ", 5);
            if (close < 0) {
                return null;
            }
            try {
                out.put(Integer.parseInt(line.substring(5, close)), line.substring(close + 2));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** The node of {@code MOVED slot host:port} / {@code ASK slot host:port}; an empty host is the node answering. */
    static String redirectTarget(String answer, String answering) {
        String[] parts = answer.split(" ");
        if (parts.length < 3) {
            throw new IllegalStateException("unreadable redirect: " + answer);
        }
        String address = parts[2];
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return SlotMap.endpoint(host.isEmpty() ? SlotMap.host(answering) : host,
                Integer.parseInt(address.substring(colon + 1)));
    }

    private static boolean isConnectFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Re-reads the map unless a read started a moment ago. */
    private void refreshSoon() {
        if (System.nanoTime() - lastRefreshStart > REFRESH_INTERVAL_NANOS) {
            refresh();
        }
    }

    /** The map read a moment ago, else a fresh read (so that many failing calls do not each read it). */
    private Future<SlotMap> refreshUnlessRecent() {
        SlotMap current = slots;
        if (current != null && System.nanoTime() - lastRefreshStart <= REFRESH_INTERVAL_NANOS) {
            Future<SlotMap> inFlight = refreshing.get();
            return inFlight != null ? inFlight : Future.succeededFuture(current);
        }
        return refresh();
    }

    /** Reads the slot map from the first node that answers; one read at a time. */
    Future<SlotMap> refresh() {
        while (true) {
            Future<SlotMap> current = refreshing.get();
            if (current != null) {
                return current;
            }
            Promise<SlotMap> promise = Promise.promise();
            if (refreshing.compareAndSet(null, promise.future())) {
                lastRefreshStart = System.nanoTime();
                refreshes.increment();
                SlotMap known = slots;
                Set<String> candidates = new LinkedHashSet<>();
                if (known != null) {
                    candidates.addAll(known.nodes());
                }
                candidates.addAll(seeds);
                ask(new ArrayList<>(candidates), 0, null, promise);
                promise.future().onComplete(ar -> {
                    if (ar.succeeded()) {
                        SlotMap fresh = ar.result();
                        if (known == null || !known.masters().equals(fresh.masters())) {
                            LOG.log(Level.INFO, "Redis Cluster: {0} masters {1}", fresh.masters().size(),
                                    fresh.masters());
                        }
                        slots = fresh;
                    }
                    refreshing.set(null);
                });
                return promise.future();
            }
        }
    }

    private void ask(List<String> candidates, int next, Throwable lastFailure, Promise<SlotMap> promise) {
        if (next >= candidates.size()) {
            promise.fail(new IllegalStateException("no Redis Cluster node answered CLUSTER SLOTS (tried "
                    + candidates + ")" + (lastFailure == null ? "" : ": " + RedisCommands.describe(lastFailure)),
                    lastFailure));
            return;
        }
        String node = candidates.get(next);
        Promise<Response> answer = Promise.promise();
        long timer = vertx.setTimer(QUERY_TIMEOUT_MILLIS,
                t -> answer.tryFail("no answer within " + QUERY_TIMEOUT_MILLIS + " ms from " + node));
        client(node).send(Request.cmd(Command.CLUSTER).arg("SLOTS")).onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.succeeded()) {
                answer.tryComplete(ar.result());
            } else {
                answer.tryFail(ar.cause());
            }
        });
        answer.future().onComplete(ar -> {
            if (ar.succeeded()) {
                try {
                    promise.complete(SlotMap.parse(ar.result(), SlotMap.host(node)));
                    return;
                } catch (RuntimeException e) {
                    ask(candidates, next + 1, e, promise);
                    return;
                }
            }
            ask(candidates, next + 1, ar.cause(), promise);
        });
    }

    private Future<Void> timer(long millis) {
        Promise<Void> promise = Promise.promise();
        vertx.setTimer(millis, t -> promise.complete());
        return promise.future();
    }

    /** The pooled client of one node, created on first use with the configured options. */
    private Redis client(String node) {
        return clients.computeIfAbsent(node, n -> Redis.createClient(vertx, new RedisOptions(template)
                .setEndpoints(new ArrayList<>(List.of(scheme + "://" + userInfo + n)))
                .setPoolName((template.getPoolName() == null ? "vitrine-cluster" : template.getPoolName()) + "@" + n)));
    }
}
