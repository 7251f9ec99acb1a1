/**
 * Models for read-out: architectures for DJL block checkpoints, loading from any manifest source,
 * device choice, and stage-by-stage layer read-out.
 */
package org.ipb.harness.model;
