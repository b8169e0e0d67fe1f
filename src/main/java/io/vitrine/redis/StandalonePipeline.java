package io.vitrine.redis;

import java.util.List;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/** One server behind one client: the whole round is one {@code batch} on one pooled connection. */
final class StandalonePipeline implements RedisPipeline {
    private final Redis redis;

    StandalonePipeline(Redis redis) {
        this.redis = redis;
    }

    @Override
    public Future<List<Response>> batch(List<Request> requests, boolean replies, long deadlineNanos) {
        return redis.batch(requests);
    }

    @Override
    public void close() {
        // The client belongs to whoever created it (Quarkus, or a test).
    }
}
