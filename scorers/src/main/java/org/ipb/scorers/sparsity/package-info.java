/**
 * Sparsity of one unit or direction's activation distribution: excess kurtosis and Hoyer sparsity
 * (Hoyer, "Non-negative matrix factorization with sparseness constraints", JMLR 5 (2004) 1457-1469,
 * eq. 1). See {@link org.ipb.scorers.sparsity.Sparsity}.
 */
package org.ipb.scorers.sparsity;
