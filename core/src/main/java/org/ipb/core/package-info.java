/**
 * The shared vocabulary of ipb: user-facing errors, digests, provenance and array files.
 *
 * <p>Depends on nothing of ours and on no engine, so every module (including the JavaFX app) can
 * use it. See docs/ARCHITECTURE.md for the module map.
 */
package org.ipb.core;
