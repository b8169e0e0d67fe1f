package io.vitrine.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;

/**
 * A real Redis Cluster for tests: {@code masters} {@code redis-server --cluster-enabled yes} processes on free loopback
 * ports, each with {@code replicasPerMaster} replicas, formed from Java with {@code CLUSTER ADDSLOTS}, {@code MEET} and
 * {@code REPLICATE} (so {@code redis-cli} is not needed, and the {@code embedded-redis} fallback binary, Redis 6.2,
 * works too). Returns once every node reports {@code cluster_state:ok}, every replica is in sync and every node shows
 * the same slot map. No Docker.
 */
public final class RedisClusterProcess implements AutoCloseable {
    private final List<RedisServerProcess> nodes;
    private final int masterCount;

    private RedisClusterProcess(List<RedisServerProcess> nodes, int masterCount) {
        this.nodes = nodes;
        this.masterCount = masterCount;
    }

    /**
     * Starts and forms a cluster.
     *
     * @param nodeTimeoutMillis {@code cluster-node-timeout}: how long a silent master takes to be failed over
     * @param extraArgs more {@code redis-server} arguments for every node
     */
    public static RedisClusterProcess start(int masters, int replicasPerMaster, long nodeTimeoutMillis,
            List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of("--cluster-enabled", "yes", "--cluster-config-file",
                "{dir}/nodes.conf", "--cluster-node-timeout", Long.toString(nodeTimeoutMillis),
                // A replica's first sync starts at once instead of after the 5 s Redis 7 waits for more replicas.
                "--repl-diskless-sync-delay", "0"));
        args.addAll(extraArgs);
        List<RedisServerProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < masters * (1 + replicasPerMaster); i++) {
                nodes.add(RedisServerProcess.start(false, args, true));
            }
            RedisClusterProcess cluster = new RedisClusterProcess(nodes, masters);
            cluster.form(replicasPerMaster);
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServerProcess::close);
            throw e;
        }
    }

    /** Starts the usual test cluster: 3 masters with one replica each. */
    public static RedisClusterProcess start() {
        return start(3, 1, 5000, List.of());
    }

    private void form(int replicasPerMaster) {
        for (int m = 0; m < masterCount; m++) {
            int from = m * 16384 / masterCount;
            int to = (m + 1) * 16384 / masterCount - 1;
            List<Object> addSlots = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
            for (int slot = from; slot <= to; slot++) {
                addSlots.add(slot);
            }
            Resp.call(nodes.get(m).port(), addSlots.toArray());
        }
        for (int i = 1; i < nodes.size(); i++) {
            Resp.call(nodes.get(i).port(), "CLUSTER", "MEET", "127.0.0.1", nodes.get(0).port());
        }
        await("every node knows every other", () -> nodes.stream()
                .allMatch(n -> nodeLines(n).size() == nodes.size()));
        for (int r = 0; r < masterCount * replicasPerMaster; r++) {
            RedisServerProcess replica = nodes.get(masterCount + r);
            RedisServerProcess master = nodes.get(r % masterCount);
            Resp.call(replica.port(), "CLUSTER", "REPLICATE", id(master));
        }
        awaitStable();
    }

    /**
     * Waits until every running node reports {@code cluster_state:ok}, every running replica's link to its master is up
     * and every running node shows the same masters for all slots.
     */
    public void awaitStable() {
        await("the cluster is stable", () -> {
            List<RedisServerProcess> running = running();
            String view = null;
            for (RedisServerProcess node : running) {
                String info = (String) Resp.call(node.port(), "CLUSTER", "INFO");
                if (!info.contains("cluster_state:ok")) {
                    return false;
                }
                String replication = (String) Resp.call(node.port(), "INFO", "replication");
                if (replication.contains("role:slave") && !replication.contains("master_link_status:up")) {
                    return false;
                }
                String mine = slotView(node);
                if (view == null) {
                    view = mine;
                } else if (!view.equals(mine)) {
                    return false;
                }
            }
            return true;
        });
    }

    /** The nodes, masters first (as formed; roles change on failover). */
    public List<RedisServerProcess> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /** The running nodes. */
    public List<RedisServerProcess> running() {
        return nodes.stream().filter(RedisServerProcess::isRunning).toList();
    }

    /** The running node that is master of {@code slot} in the view of any running node. */
    public RedisServerProcess masterOf(int slot) {
        for (RedisServerProcess node : running()) {
            Integer port = ownerPort(nodeLines(node), slot);
            if (port != null) {
                return nodes.stream().filter(n -> n.port() == port).findFirst().orElseThrow();
            }
            break;
        }
        throw new IllegalStateException("no master serves slot " + slot);
    }

    /** The port of the master that serves {@code slot} in one node's {@code CLUSTER NODES} lines, or null. */
    private static Integer ownerPort(List<String> lines, int slot) {
        for (String line : lines) {
            String[] f = line.split(" ");
            if (!f[2].contains("master") || f[2].contains("fail")) {
                continue;
            }
            for (int i = 8; i < f.length; i++) {
                if (f[i].startsWith("[")) {
                    continue;
                }
                String[] range = f[i].split("-");
                int from = Integer.parseInt(range[0]);
                int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                if (slot >= from && slot <= to) {
                    return Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1).split("[@,]")[0]);
                }
            }
        }
        return null;
    }

    /**
     * Starts moving {@code slot} from its master to {@code target}: the target imports it, the source migrates it.
     * Until {@link #finishMigration}, keys the source no longer has are answered with {@code ASK}.
     */
    public void beginMigration(int slot, RedisServerProcess target) {
        RedisServerProcess source = masterOf(slot);
        Resp.call(target.port(), "CLUSTER", "SETSLOT", slot, "IMPORTING", id(source));
        Resp.call(source.port(), "CLUSTER", "SETSLOT", slot, "MIGRATING", id(target));
    }

    /** Moves up to {@code count} keys of {@code slot} from {@code source} to {@code target} ({@code MIGRATE}). */
    public int migrateKeys(int slot, RedisServerProcess source, RedisServerProcess target, int count) {
        List<?> keys = (List<?>) Resp.call(source.port(), "CLUSTER", "GETKEYSINSLOT", slot, count);
        if (keys.isEmpty()) {
            return 0;
        }
        List<Object> migrate = new ArrayList<>(List.of("MIGRATE", "127.0.0.1", target.port(), "", 0, 5000, "KEYS"));
        migrate.addAll(keys);
        Resp.call(source.port(), migrate.toArray());
        return keys.size();
    }

    /** Ends a migration: every master learns that {@code target} serves {@code slot} (the target first). */
    public void finishMigration(int slot, RedisServerProcess source, RedisServerProcess target) {
        while (migrateKeys(slot, source, target, 100) > 0) {
            // Moves what is left.
        }
        String targetId = id(target);
        Resp.call(target.port(), "CLUSTER", "SETSLOT", slot, "NODE", targetId);
        Resp.call(source.port(), "CLUSTER", "SETSLOT", slot, "NODE", targetId);
        for (RedisServerProcess node : running()) {
            if (node != source && node != target && isMaster(node)) {
                Resp.call(node.port(), "CLUSTER", "SETSLOT", slot, "NODE", targetId);
            }
        }
        // Replicas learn the new owner by gossip; a client that refreshes its map from one before then is sent back
        // to the old owner (MOVED) until it does. A finished migration is one every node agrees on.
        await("every node sees slot " + slot + " on " + target.port(), () -> running().stream()
                .allMatch(node -> Integer.valueOf(target.port()).equals(ownerPort(nodeLines(node), slot))));
    }

    /** Whether the node is a master in its own view. */
    public static boolean isMaster(RedisServerProcess node) {
        return nodeLines(node).stream().anyMatch(l -> l.contains("myself") && l.contains("master"));
    }

    /** The replicas of {@code master} in its own view. */
    public List<RedisServerProcess> replicasOf(RedisServerProcess master) {
        String id = id(master);
        List<RedisServerProcess> out = new ArrayList<>();
        for (String line : nodeLines(master)) {
            String[] f = line.split(" ");
            if (f[3].equals(id)) {
                int port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1).split("[@,]")[0]);
                nodes.stream().filter(n -> n.port() == port).findFirst().ifPresent(out::add);
            }
        }
        return out;
    }

    /** The node id of a node. */
    public static String id(RedisServerProcess node) {
        return ((String) Resp.call(node.port(), "CLUSTER", "MYID")).trim();
    }

    /** Client options reaching this cluster through all its nodes as seeds ({@code redis://127.0.0.1:port}). */
    public RedisOptions clientOptions() {
        RedisOptions options = new RedisOptions().setType(RedisClientType.CLUSTER)
                .setMaxPoolSize(16)
                .setMaxPoolWaiting(1024);
        options.setEndpoints(new ArrayList<>(seedUris()));
        return options;
    }

    /** The nodes' URIs, masters first. */
    public List<String> seedUris() {
        return nodes.stream().map(RedisServerProcess::uri).toList();
    }

    /** {@code quarkus.redis.hosts} for this cluster. */
    public String hosts() {
        return String.join(",", seedUris());
    }

    /** Every node by port with its role and flags, for failure messages. */
    public Map<Integer, String> describe() {
        Map<Integer, String> out = new LinkedHashMap<>();
        for (RedisServerProcess node : nodes) {
            if (!node.isRunning()) {
                out.put(node.port(), "down");
                continue;
            }
            try {
                out.put(node.port(), nodeLines(node).stream()
                        .filter(l -> l.contains("myself"))
                        .findFirst()
                        .orElse("?"));
            } catch (RuntimeException e) {
                out.put(node.port(), e.toString());
            }
        }
        return out;
    }

    @Override
    public void close() {
        nodes.forEach(RedisServerProcess::close);
    }

    /** The lines of {@code CLUSTER NODES} of a node. */
    static List<String> nodeLines(RedisServerProcess node) {
        String text = (String) Resp.call(node.port(), "CLUSTER", "NODES");
        return text.lines().filter(l -> !l.isBlank()).toList();
    }

    /** Which port masters each slot range, as a node sees it (comparable across nodes). */
    private static String slotView(RedisServerProcess node) {
        @SuppressWarnings("unchecked")
        List<Object> slots = (List<Object>) Resp.call(node.port(), "CLUSTER", "SLOTS");
        return slots.stream().map(r -> {
            List<?> range = (List<?>) r;
            List<?> master = (List<?>) range.get(2);
            return range.get(0) + "-" + range.get(1) + "@" + master.get(1) + "+" + (range.size() - 3);
        }).sorted().collect(Collectors.joining(","));
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting until " + what, e);
            }
        }
        throw new IllegalStateException("timed out waiting until " + what, last);
    }
}
