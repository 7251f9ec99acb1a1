package org.ipb.study.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A small reader for comma-separated values as described in RFC 4180: fields separated by commas,
 * records by CRLF or LF; a field in double quotes may hold commas, line breaks and doubled quotes
 * ({@code ""} stands for one {@code "}). Unquoted fields are taken verbatim (no trimming).
 */
public final class CsvReader implements AutoCloseable {
    private final BufferedReader in;
    private long line = 0;
    private long recordLine = 0;

    public CsvReader(Reader in) {
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in);
    }

    /** Line number (1-based) on which the record last returned by {@link #next()} started. */
    public long line() {
        return recordLine;
    }

    /**
     * The next record, or null at end of input. A blank line is returned as a record with one
     * empty field.
     *
     * @throws MalformedCsvException on a quote that is never closed or text after a closing quote
     */
    public List<String> next() throws IOException {
        String first = in.readLine();
        if (first == null) {
            return null;
        }
        line++;
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String text = first;
        int i = 0;
        boolean quoted = false;      // inside a quoted field
        boolean wasQuoted = false;   // current field was quoted and its quote is closed
        while (true) {
            if (i == text.length()) {
                if (quoted) {
                    String more = in.readLine();
                    if (more == null) {
                        throw new MalformedCsvException(recordLine, "quoted field is never closed");
                    }
                    line++;
                    field.append('\n');
                    text = more;
                    i = 0;
                    continue;
                }
                fields.add(field.toString());
                return fields;
            }
            char c = text.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < text.length() && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                        wasQuoted = true;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (wasQuoted) {
                throw new MalformedCsvException(line, "text after a closing quote in field " + (fields.size() + 1));
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else {
                field.append(c);
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Thrown for malformed CSV; carries the line number. */
    public static final class MalformedCsvException extends IOException {
        private final long line;

        MalformedCsvException(long line, String message) {
            super("line " + line + ": " + message);
            this.line = line;
        }

        public long line() {
            return line;
        }
    }
}
