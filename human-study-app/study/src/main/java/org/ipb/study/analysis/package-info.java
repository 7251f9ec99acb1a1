/** Summaries of human judgments: accuracy with Wilson intervals, response times. */
package org.ipb.study.analysis;
