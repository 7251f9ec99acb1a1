/**
 * Activation extraction: runs a stimulus set through a model in bounded-memory batches and
 * writes per-layer {@code .npy} matrices with JSON sidecars, all or nothing.
 */
package org.ipb.harness.extract;
