package io.vitrine.pipeline;

import java.util.function.Supplier;

/**
 * Times the stages of a request ({@code recall}, {@code features}, {@code rank}, {@code rerank}) for the latency
 * metrics; the pipeline stays free of any metrics library.
 */
@FunctionalInterface
public interface Stages {
    /** Does not time anything (tests, offline evaluation). */
    Stages NONE = new Stages() {
        @Override
        public <T> T time(String stage, Supplier<T> work) {
            return work.get();
        }
    };

    <T> T time(String stage, Supplier<T> work);
}
