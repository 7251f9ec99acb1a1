/** The {@code ipb} command line: picocli commands that wire the modules, with no logic of their own. */
package org.ipb.cli;
