/**
 * Model files: a deterministic MLP or conv net saved as a SameDiff FlatBuffers graph ({@code .sdz}) computing the
 * logits from flat inputs, beside a checksummed JSON description of its architecture, both written atomically;
 * loading reads either kind and reports a damaged or mismatched pair with the file's name.
 */
package org.parsimony.pruning.io;
