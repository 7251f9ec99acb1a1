package org.ipb.harness.train;

/** What one epoch reached: mean training loss and accuracy, test accuracy, and its duration. */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double testAccuracy, double seconds) {}
