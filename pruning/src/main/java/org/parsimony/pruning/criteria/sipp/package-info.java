/**
 * SiPP, sensitivity-informed provable pruning (Baykal, Liebenwein, Gilitschenski, Feldman &amp; Rus, arXiv
 * 1910.05422), and its structured form PFP (Liebenwein et al., arXiv 1911.07412), written from the papers and
 * the reference code torchprune (lucaslie/torchprune). Data-informed: everything starts from the
 * {@link org.parsimony.pruning.criteria.sipp.EmpiricalSensitivity} of a network over a small input batch.
 *
 * <ul>
 *   <li>{@link org.parsimony.pruning.criteria.sipp.SippCriterion}: the sensitivities as a
 *       {@link org.parsimony.pruning.criteria.PruningCriterion}, for the existing ratio policies
 *       (deterministic SiPP / PFP, no reweighting);</li>
 *   <li>{@link org.parsimony.pruning.criteria.sipp.SippWeightPruner}: unstructured hybrid or sampling SiPP to a
 *       weight ratio, with per-group budget allocation and reweighting;</li>
 *   <li>{@link org.parsimony.pruning.criteria.sipp.PfpUnitPruner}: structured PFP to a unit ratio, with the
 *       shared-error allocation across layers and (when sampling) reweighting.</li>
 * </ul>
 */
package org.parsimony.pruning.criteria.sipp;
