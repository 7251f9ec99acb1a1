/**
 * Machine (observer-model) estimates of how interpretable a candidate direction is, computed from
 * the embeddings of its exemplars in an observer space, without human participants.
 *
 * <ul>
 *   <li>{@link org.ipb.scorers.mis.MachineInterpretabilityScore}: the Machine Interpretability
 *       Score (MIS) of Zimmermann, Klindt and Brendel, "Measuring mechanistic interpretability at
 *       scale without humans", arXiv:2403.17806 (2024), published as
 *       "Measuring per-unit interpretability at scale without humans", NeurIPS 2024. It simulates
 *       the 2-AFC task of Borowski, Zimmermann, Schepers, Geirhos, Wallis, Bethge and Brendel,
 *       "Exemplary natural images explain CNN activations better than state-of-the-art feature
 *       visualization", ICLR 2021, with an observer that compares the queries to the reference
 *       sets by similarity.</li>
 *   <li>{@link org.ipb.scorers.mis.ExemplarCoherence}: the Interpretability Index of Klindt et al.,
 *       "Identifying interpretable visual features in artificial and biological neural systems",
 *       arXiv:2310.11431 (2023): the mean pairwise similarity of a direction's most activating
 *       exemplars.</li>
 * </ul>
 *
 * <p>Embeddings come from an {@link org.ipb.scorers.mis.EmbeddingLookup} keyed by stimulus id
 * (see {@link org.ipb.core.candidates.Exemplar#id()}); the observers in
 * {@link org.ipb.scorers.observers} produce them. Similarities are cosine similarities
 * ({@link org.ipb.scorers.mis.Cosine}).
 */
package org.ipb.scorers.mis;
