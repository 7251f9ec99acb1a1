/**
 * Feature visualization of directions ({@code ipb visualize}): Olah et al. 2017 with lucid's
 * defaults. {@link org.ipb.harness.visualize.FftParameterization} (1/f spectrum, sigmoid),
 * {@link org.ipb.harness.visualize.TransformSettings} and {@link
 * org.ipb.harness.visualize.SamplingMap} (transformation robustness as fixed bilinear maps),
 * {@link org.ipb.harness.visualize.FoldedNetwork} (BatchNorm folded for correct input gradients
 * under MXNet), {@link org.ipb.harness.visualize.DirectionObjective} (engine gradient), {@link
 * org.ipb.harness.visualize.DirectionOptimizer} (Adam) and {@link
 * org.ipb.harness.visualize.FeatureVisualizer} (the pipeline with the natural-exemplar comparison).
 */
package org.ipb.harness.visualize;
