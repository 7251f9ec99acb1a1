package org.ipb.harness.extract;

/** Where long loops report how far they are; the CLI shows a progress bar, tests pass {@link #NONE}. */
public interface Progress extends AutoCloseable {
    Progress NONE = new Progress() {
        @Override
        public void start(String task, long total) {}

        @Override
        public void advance(long done) {}
    };

    void start(String task, long total);

    void advance(long done);

    @Override
    default void close() {}
}
