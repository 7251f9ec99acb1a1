package org.ipb.study.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ipb.core.UserError;

/**
 * One data line of an imported CSV with its position, so errors name file, line and column; typed
 * getters read the value formats pandas writes.
 */
record CsvRow(Path file, long line, List<String> fields, Map<String, Integer> col) {
    String get(String name) {
        return fields.get(col.get(name)).strip();
    }

    UserError bad(String name, String expected) {
        return new UserError(file, "line " + line + ": column " + name + " = '" + get(name) + "': " + expected);
    }

    int integer(String name) {
        String v = get(name);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            // pandas writes integer columns holding NaN as floats: accept 3.0
            try {
                double d = Double.parseDouble(v);
                if (d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
                    return (int) d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw bad(name, "expected an integer");
        }
    }

    double number(String name) {
        try {
            return Double.parseDouble(get(name));
        } catch (NumberFormatException e) {
            throw bad(name, "expected a number");
        }
    }

    /** True/true/TRUE/1 or False/false/FALSE/0. */
    boolean bool(String name) {
        return bool(name, false);
    }

    /** As {@link #bool}, also 1.0 and 0.0 (pandas writes a boolean column holding NaN as floats). */
    boolean boolOrFloat(String name) {
        return bool(name, true);
    }

    private boolean bool(String name, boolean floats) {
        String v = get(name);
        switch (v) {
            case "True", "true", "TRUE", "1":
                return true;
            case "False", "false", "FALSE", "0":
                return false;
            default:
                if (floats && v.equals("1.0")) {
                    return true;
                }
                if (floats && v.equals("0.0")) {
                    return false;
                }
                throw bad(name, "expected True or False");
        }
    }
}
