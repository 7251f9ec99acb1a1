/**
 * Class-selectivity measures of one unit or direction, computed from its activations over a set of
 * labelled images.
 *
 * <p>The definitions follow the comparison of selectivity measures in Gale, Martin, Blackwood and
 * Bowers, "Are there any 'object detectors' in the hidden layers of CNNs trained to identify objects
 * or scenes?", Vision Research 176 (2020) 60-71:
 * <ul>
 *   <li>CCMAS, the class-conditional mean activity selectivity of Morcos, Barrett, Rabinowitz and
 *       Botvinick, "On the importance of single directions for generalization", ICLR 2018;</li>
 *   <li>precision, from Zhou, Khosla, Lapedriza, Oliva and Torralba, "Object detectors emerge in
 *       deep scene CNNs", ICLR 2015;</li>
 *   <li>localist selectivity, from Bowers, Vankov, Damian and Davis, "Neural networks learn highly
 *       selective representations in order to overcome the superposition catastrophe",
 *       Psychological Review 121 (2014), and later papers of Bowers et al.;</li>
 *   <li>top-class selectivity, introduced by Gale et al. (2020).</li>
 * </ul>
 *
 * <p>{@link org.ipb.scorers.selectivity.Selectivity} holds the single-direction functions and
 * {@link org.ipb.scorers.selectivity.SelectivityTable} computes all four for every column of an
 * activation matrix. Labels are non-negative integers; only labels that occur count as classes.
 */
package org.ipb.scorers.selectivity;
