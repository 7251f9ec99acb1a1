/**
 * Ablation of directions in a layer's activation space, after Morcos, Barrett, Rabinowitz and
 * Botvinick (2018), "On the importance of single directions for generalization", ICLR: project a
 * direction (or the span of several) out of a layer's activations and measure how much the test
 * accuracy drops, one direction at a time and cumulatively in a random and in a score order.
 */
package org.ipb.harness.ablation;
