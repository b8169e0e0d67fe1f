package io.vitrine.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * Counts the bytes of every request body as it is read and stops at {@code quarkus.http.limits.max-body-size} with
 * {@link BodyTooLargeException} (a 413 problem document). Matters for bodies without a declared length; declared ones
 * are refused earlier by {@link BodySizeGuard}.
 */
@Provider
public class BodyLimitInterceptor implements ReaderInterceptor {
    private final BodySizeGuard guard;

    public BodyLimitInterceptor(BodySizeGuard guard) {
        this.guard = guard;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new Limited(context.getInputStream(), guard.maxBytes()));
        return context.proceed();
    }

    /** A stream that fails once more than {@code max} bytes were read from it. */
    static final class Limited extends FilterInputStream {
        private final long max;
        private long count;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        private void counted(long n) {
            count += n;
            if (count > max) {
                throw new BodyTooLargeException(max);
            }
        }
    }
}
