/**
 * Candidate directions in a layer's activation space: single units (basis), random directions,
 * and directions found by methods that look for features in superposition (PCA, ICA, spherical
 * k-means, NMF, sparse dictionaries, sparse autoencoders). One {@link
 * org.ipb.harness.directions.DirectionFinder} per method, registered by name in {@link
 * org.ipb.harness.directions.DirectionFinders}; {@link org.ipb.harness.directions.DirectionFinding}
 * applies the shared post-processing (unit norm, sign, report).
 */
package org.ipb.harness.directions;
