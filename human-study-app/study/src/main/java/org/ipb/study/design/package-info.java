/** Study design: counterbalanced 2-AFC trial lists built from candidate sets ({@link org.ipb.study.design.StudyDesign}). */
package org.ipb.study.design;
