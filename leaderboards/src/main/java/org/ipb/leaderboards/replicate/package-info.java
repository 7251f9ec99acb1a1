/**
 * Machine replications of published human interpretability experiments: the machine observer
 * (hard decision of the MIS observer, Zimmermann, Klindt &amp; Brendel 2024) runs through the
 * conditions of a paper on the embedded default and is set beside the paper's human accuracies.
 *
 * <ul>
 *   <li>{@link org.ipb.leaderboards.replicate.Replications}: the known replications by name;</li>
 *   <li>{@link org.ipb.leaderboards.replicate.Borowski2021Replication}: Borowski et al., ICLR 2021,
 *       Experiments I and II (decision record 0010), with its protocol ({@link
 *       org.ipb.leaderboards.replicate.Borowski2021Tasks}), conditions ({@link
 *       org.ipb.leaderboards.replicate.Borowski2021Condition}), machine decision ({@link
 *       org.ipb.leaderboards.replicate.MachineDecision}) and human accuracies ({@link
 *       org.ipb.leaderboards.replicate.Borowski2021Humans}).</li>
 * </ul>
 */
package org.ipb.leaderboards.replicate;
