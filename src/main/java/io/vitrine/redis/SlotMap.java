package io.vitrine.redis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.vertx.redis.client.Response;

/**
 * Which master serves each hash slot, from a {@code CLUSTER SLOTS} reply, and every node it named (masters and
 * replicas, where the next refresh can ask). Immutable; a {@code MOVED} answer makes a copy with one slot changed.
 * Nodes are named {@code host:port} ({@code [v6]:port}), never with credentials.
 */
final class SlotMap {
    private final String[] masterBySlot;
    private final List<String> masters;
    private final List<String> nodes;

    private SlotMap(String[] masterBySlot, List<String> masters, List<String> nodes) {
        this.masterBySlot = masterBySlot;
        this.masters = masters;
        this.nodes = nodes;
    }

    /**
     * Parses a {@code CLUSTER SLOTS} reply.
     *
     * @param askedHost the host the reply came from: a node whose endpoint is empty or null is on that host (the
     *            specification's "unknown endpoint": same address as the one asked, the given port)
     */
    static SlotMap parse(Response reply, String askedHost) {
        String[] bySlot = new String[HashSlot.SLOTS];
        Set<String> masters = new LinkedHashSet<>();
        Set<String> nodes = new LinkedHashSet<>();
        for (Response range : reply) {
            int from = range.get(0).toInteger();
            int to = range.get(1).toInteger();
            String master = endpoint(range.get(2), askedHost);
            for (int i = 3; i < range.size(); i++) {
                String replica = endpoint(range.get(i), askedHost);
                if (replica != null) {
                    nodes.add(replica);
                }
            }
            if (master == null) {
                continue; // "?": a node announcing a hostname it does not have; its slots stay unknown
            }
            masters.add(master);
            nodes.add(master);
            Arrays.fill(bySlot, Math.max(0, from), Math.min(HashSlot.SLOTS - 1, to) + 1, master);
        }
        if (masters.isEmpty()) {
            throw new IllegalStateException("CLUSTER SLOTS named no master: is cluster mode enabled on the server?");
        }
        return new SlotMap(bySlot, List.copyOf(masters), List.copyOf(nodes));
    }

    /** The master serving {@code slot}, or null when no node claimed it. */
    String master(int slot) {
        return masterBySlot[slot];
    }

    /** The distinct masters. */
    List<String> masters() {
        return masters;
    }

    /** Every node named, masters first. */
    List<String> nodes() {
        return nodes;
    }

    /** A copy in which {@code endpoint} serves {@code slot} (what a {@code MOVED} answer says). */
    SlotMap moved(int slot, String endpoint) {
        if (endpoint.equals(masterBySlot[slot])) {
            return this;
        }
        String[] copy = masterBySlot.clone();
        copy[slot] = endpoint;
        List<String> newMasters = new ArrayList<>(masters);
        List<String> newNodes = new ArrayList<>(nodes);
        if (!newMasters.contains(endpoint)) {
            newMasters.add(endpoint);
        }
        if (!newNodes.contains(endpoint)) {
            newNodes.add(0, endpoint);
        }
        return new SlotMap(copy, List.copyOf(newMasters), List.copyOf(newNodes));
    }

    /** {@code host:port} of a node description ({@code [host, port, id, ...]}); null for an unknown host. */
    private static String endpoint(Response node, String askedHost) {
        Response hostReply = node.get(0);
        String host = hostReply == null ? "" : hostReply.toString();
        if ("?".equals(host)) {
            return null;
        }
        if (host.isEmpty()) {
            host = askedHost;
        }
        return endpoint(host, node.get(1).toInteger());
    }

    /** {@code host:port}, brackets around an IPv6 address. */
    static String endpoint(String host, int port) {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The host part of {@code host:port}. */
    static String host(String endpoint) {
        String host = endpoint.substring(0, endpoint.lastIndexOf(':'));
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }
}
