/** Writing files atomically, checksumming them and saying why I/O failed: shared by checkpoints, model files and result files. */
package org.parsimony.variational.io;
