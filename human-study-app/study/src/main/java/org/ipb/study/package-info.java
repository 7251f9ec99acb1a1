/**
 * The 2-AFC psychophysics app (JavaFX) and its H2 judgment store; filled by later issues.
 */
package org.ipb.study;
