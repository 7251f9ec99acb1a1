/**
 * Observers: embeddings of stimuli in which the scorers measure similarity. {@code pixels}
 * ({@link org.ipb.scorers.observers.PixelObserver}, downsampled raw pixels), {@code observer} (the
 * shipped {@code fmnist-observer} network's {@code embed} layer) and any layer of any model
 * manifest ({@link org.ipb.scorers.observers.NetworkObserver}); {@link
 * org.ipb.scorers.observers.Observers#named} resolves the names. Each image is embedded once.
 */
package org.ipb.scorers.observers;
