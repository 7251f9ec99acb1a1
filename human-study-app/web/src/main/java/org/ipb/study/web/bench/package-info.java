/**
 * The load benchmark of the online study ({@code ipb bench web}): simulated participants answering
 * over HTTP at the same time, with the answer latency they see and a count of lost and duplicated
 * rows in H2 afterwards.
 */
package org.ipb.study.web.bench;
