/**
 * Surgery: removing the pruned units (or filters) physically, with the next layer's matching inputs, so the smaller
 * network computes what the masked one did; masking single weights for weight-level pruning; and the report of
 * parameters and FLOPs kept.
 */
package org.parsimony.pruning.surgery;
