/** Importers of published human judgment data into the judgment store. */
package org.ipb.study.importer;
