/**
 * Benchmarks of the study's data path (store, sessions, TCP server), without any UI; the cli's
 * {@code ipb bench study} only prints their figures.
 */
package org.ipb.study.bench;
