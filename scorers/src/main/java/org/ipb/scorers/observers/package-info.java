/**
 * Observer models: functions that embed a stimulus into a space where cosine similarity stands for
 * perceived similarity, for the machine scores of {@link org.ipb.scorers.mis}.
 *
 * <p>{@link org.ipb.scorers.observers.PixelObserver} is the simplest observer, the downsampled
 * image itself; it is a baseline and a sanity check (an observer that sees only pixel patterns),
 * not a model of human perception such as the DreamSim embedding (Fu et al., "DreamSim: learning
 * new dimensions of human visual similarity using synthetic data", NeurIPS 2023) that Zimmermann,
 * Klindt and Brendel (2024) used. {@link org.ipb.scorers.observers.EmbeddingCache} embeds each
 * stimulus once.
 */
package org.ipb.scorers.observers;
