package io.vitrine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.StreamResetException;

/** Which failures are a client that went away (no ERROR line) and which are the service's own. */
class ProblemMappersTest {

    @Test
    void aClosedConnectionOrAResetStreamIsTheClientGoingAway() {
        // As a load run logged them: the body read or the answer written after the client gave up.
        assertThat(ProblemMappers.clientGone(new IOException(new ClosedChannelException()))).isTrue();
        assertThat(ProblemMappers.clientGone(new IOException(new IOException(new StreamResetException(8))))).isTrue();
    }

    @Test
    void anythingElseIsTheServicesError() {
        assertThat(ProblemMappers.clientGone(new IOException("disk full"))).isFalse();
        assertThat(ProblemMappers.clientGone(new IllegalStateException("a bug"))).isFalse();
        assertThat(ProblemMappers.clientGone(new RuntimeException(new NullPointerException()))).isFalse();
    }
}
