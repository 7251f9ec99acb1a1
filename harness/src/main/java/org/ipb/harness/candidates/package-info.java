/**
 * The candidate pipeline every command shares: for one method on one layer's activations, find the
 * directions ({@link org.ipb.harness.directions}), write them, and pick their exemplars and 2-AFC
 * tasks ({@link org.ipb.harness.exemplars}). {@code ipb candidates} and benchmark runs ({@code ipb
 * run}, {@code ipb submit}) call it; activations come from {@link
 * org.ipb.harness.extract.ActivationCache}, scores from {@code org.ipb.scorers.ScoringRun}.
 */
package org.ipb.harness.candidates;
