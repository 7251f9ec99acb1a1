package org.ipb.scorers.observers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EmbeddingCacheTest {
    @Test
    void embedsEachIdOnce() {
        AtomicInteger calls = new AtomicInteger();
        EmbeddingCache cache = new EmbeddingCache(id -> {
            calls.incrementAndGet();
            return new float[] {id.length()};
        });
        float[] a = cache.embedding("a");
        assertSame(a, cache.embedding("a"));
        cache.embedding("bb");
        cache.embedding("a");
        assertEquals(2, calls.get());
        assertEquals(2, cache.misses());
        assertEquals(2, cache.hits());
        assertEquals(2, cache.size());
        assertEquals(2f, cache.embedding("bb")[0]);
        assertThrows(IllegalStateException.class, () -> new EmbeddingCache(id -> null).embedding("x"));
    }

    @Test
    void concurrentLookupsComputeOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        EmbeddingCache cache = new EmbeddingCache(id -> {
            calls.incrementAndGet();
            return new float[] {Integer.parseInt(id)};
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        assertEquals(i % 10, cache.embedding(Integer.toString(i % 10))[0]);
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        assertEquals(10, calls.get());
        assertEquals(10, cache.misses());
        assertEquals(7990, cache.hits());
    }
}
