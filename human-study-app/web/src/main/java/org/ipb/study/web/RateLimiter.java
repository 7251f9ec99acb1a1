package org.ipb.study.web;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key (a participant, or a client address): {@code burst} requests at once, then
 * {@code perSecond} on average. A person answers a 2-AFC trial in about a second; a client posting
 * faster than the limit is a script, and gets HTTP 429 instead of a database write.
 */
final class RateLimiter {
    private final double perSecond;
    private final int burst;
    private final ConcurrentHashMap<String, double[]> buckets = new ConcurrentHashMap<>(); // {tokens, lastNanos}

    RateLimiter(double perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** True when a request under {@code key} may go ahead now (and takes one token). */
    boolean allow(String key) {
        long now = System.nanoTime();
        double[] b = buckets.computeIfAbsent(key, k -> new double[] {burst, now});
        synchronized (b) {
            b[0] = Math.min(burst, b[0] + (now - b[1]) / 1e9 * perSecond);
            b[1] = now;
            if (b[0] >= 1) {
                b[0] -= 1;
                return true;
            }
            return false;
        }
    }
}
