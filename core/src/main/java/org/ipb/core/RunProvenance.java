package org.ipb.core;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The standard provenance block every result file carries ({@code "run"}): which ipb made it,
 * when, on what Java, OS and cores, and which native kernels ran (decision 0008).
 *
 * @param nativeKernels the kernel-pinning environment variables, null where unset
 */
@JsonPropertyOrder({"ipbVersion", "createdUtc", "java", "os", "cores", "nativeKernels"})
public record RunProvenance(String ipbVersion, String createdUtc, String java, String os, int cores,
        Map<String, String> nativeKernels) {
    public RunProvenance {
        nativeKernels = Collections.unmodifiableMap(new LinkedHashMap<>(nativeKernels));
    }

    /**
     * The same fields as a mutable map in the same order, for the files whose provenance extends
     * the run block with their own keys (candidate sets, alpha fits).
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ipbVersion", ipbVersion);
        m.put("createdUtc", createdUtc);
        m.put("java", java);
        m.put("os", os);
        m.put("cores", cores);
        m.put("nativeKernels", nativeKernels);
        return m;
    }
}
