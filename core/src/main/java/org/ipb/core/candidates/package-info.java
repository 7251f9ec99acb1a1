/**
 * The candidate-set file: for each candidate direction of one layer, its most and least
 * activating stimuli and the 2-AFC trials built from them. Written by {@code ipb exemplars}
 * (harness), read by the scorers and the human study app. One JSON file, {@code
 * "kind": "candidate-set"}, {@code "formatVersion": 1}; see {@link
 * org.ipb.core.candidates.CandidateSet} for the fields and {@link
 * org.ipb.core.candidates.CandidateSets} for strict reading and atomic writing.
 */
package org.ipb.core.candidates;
