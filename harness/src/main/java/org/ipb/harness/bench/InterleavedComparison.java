package org.ipb.harness.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ipb and PyTorch timed batch by batch in turn on the same images: after {@code warmup} untimed
 * batches each, every repetition runs every batch once on each side, the side that goes first
 * alternating from batch to batch, so that a burst of load from other processes falls on both.
 */
public final class InterleavedComparison {
    private InterleavedComparison() {}

    /** One {ipb, torch} pair of timings per repetition. */
    public static List<ForwardTiming[]> run(BatchPeer ipb, BatchPeer torch, int images, int batch, int warmup,
            int repeats) {
        List<int[]> batches = new ArrayList<>();
        for (int s = 0; s < images; s += batch) {
            batches.add(new int[] {s, Math.min(images, s + batch)});
        }
        for (int i = 0; i < warmup; i++) {
            int[] b = batches.get(i % batches.size());
            ipb.time(b[0], b[1]);
            torch.time(b[0], b[1]);
        }
        List<ForwardTiming[]> pairs = new ArrayList<>();
        int turn = 0;
        for (int r = 0; r < repeats; r++) {
            List<Double> a = new ArrayList<>();
            List<Double> t = new ArrayList<>();
            for (int[] b : batches) {
                if (turn++ % 2 == 0) {
                    a.add(ipb.time(b[0], b[1]));
                    t.add(torch.time(b[0], b[1]));
                } else {
                    t.add(torch.time(b[0], b[1]));
                    a.add(ipb.time(b[0], b[1]));
                }
            }
            pairs.add(new ForwardTiming[] {timing("ipb", ipb.header(), images, batch, warmup, a),
                timing("torch", torch.header(), images, batch, warmup, t)});
        }
        return pairs;
    }

    private static ForwardTiming timing(String runtime, Map<String, Object> h, int images, int batch, int warmup,
            List<Double> seconds) {
        double total = seconds.stream().mapToDouble(Double::doubleValue).sum();
        return new ForwardTiming(runtime, String.valueOf(h.get("torch")), String.valueOf(h.get("capability")),
                ((Number) h.get("threads")).intValue(), ((Number) h.get("interopThreads")).intValue(), images, batch,
                warmup, seconds, images / total, ((Number) h.get("flopsPerImage")).longValue());
    }
}
