/**
 * Calibration of scorers against human accuracy, noise ceilings and published leaderboards; filled by later issues.
 */
package org.ipb.leaderboards;
