/** Training the shipped networks (subject and observer) from a labelled stimulus set. */
package org.ipb.harness.train;
