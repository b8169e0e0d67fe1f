package io.vitrine.redis;

import java.util.List;

import io.vertx.core.Future;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Sends one pipelined round of commands to Redis: to the one server (standalone, sentinel, replication, or a proxy such
 * as Tair's proxy mode), or split by hash slot over the masters of a Redis Cluster.
 */
interface RedisPipeline {
    /**
     * Sends the requests (at most {@link RedisCommands#MAX_PIPELINE}) and completes with one reply per request, in
     * request order; fails if any command fails.
     *
     * @param replies whether the caller reads the replies; when it does not, a write whose reply was lost (a cluster
     *            node answered another command of the same pipeline with a redirect) is not an error
     * @param deadlineNanos {@link System#nanoTime()} after which no command is retried
     */
    Future<List<Response>> batch(List<Request> requests, boolean replies, long deadlineNanos);

    /** Closes the connections this pipeline opened itself. */
    void close();
}
