package org.ipb.core.npy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The subset of Python literal syntax that .npy headers use: dicts, tuples, lists, strings, ints,
 * True, False and None.
 *
 * <p>numpy reads headers with {@code ast.literal_eval}, so writers other than numpy (and old
 * numpy versions) may use any spacing, either quote style or trailing commas; a regex over the
 * exact text numpy writes would reject files numpy itself accepts. Values map to String, Long,
 * Boolean, null, {@link Tuple}, {@code List<Object>} and {@code Map<Object, Object>}.
 */
final class PyLiteral {
    /** A Python tuple, kept apart from lists because a shape must be a tuple. */
    record Tuple(List<Object> items) {}

    /** Thrown for text that is not a literal of the supported subset; the message says where. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message);
        }
    }

    private final String text;
    private int pos;

    private PyLiteral(String text) {
        this.text = text;
    }

    /** Parses one literal, allowing surrounding whitespace (numpy pads headers with spaces). */
    static Object parse(String text) throws SyntaxError {
        PyLiteral p = new PyLiteral(text);
        Object value = p.value();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the literal");
        }
        return value;
    }

    private Object value() throws SyntaxError {
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end of text");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return dict();
            case '[':
                pos++;
                return items(']');
            case '(':
                return parenthesised();
            case '\'', '"':
                return string();
            default:
                if (c == '-' || c == '+' || Character.isDigit(c)) {
                    return integer();
                }
                if (Character.isLetter(c)) {
                    return name();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    private Map<Object, Object> dict() throws SyntaxError {
        pos++; // '{'
        Map<Object, Object> map = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (consume('}')) {
                return map;
            }
            Object key = value();
            skipSpace();
            if (!consume(':')) {
                throw error("expected ':' in dict");
            }
            map.put(key, value()); // a repeated key keeps the last value, as in Python
            skipSpace();
            if (!consume(',')) {
                skipSpace();
                if (!consume('}')) {
                    throw error("expected ',' or '}' in dict");
                }
                return map;
            }
        }
    }

    /** "(x)" is just x in Python; only a comma (or "()") makes a tuple. */
    private Object parenthesised() throws SyntaxError {
        pos++; // '('
        skipSpace();
        if (consume(')')) {
            return new Tuple(List.of());
        }
        Object first = value();
        skipSpace();
        if (consume(')')) {
            return first;
        }
        if (!consume(',')) {
            throw error("expected ',' or ')'");
        }
        List<Object> rest = items(')');
        List<Object> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return new Tuple(all);
    }

    /** Comma-separated values up to {@code close}, trailing comma allowed; the opener is consumed. */
    private List<Object> items(char close) throws SyntaxError {
        List<Object> list = new ArrayList<>();
        while (true) {
            skipSpace();
            if (consume(close)) {
                return list;
            }
            list.add(value());
            skipSpace();
            if (!consume(',')) {
                skipSpace();
                if (!consume(close)) {
                    throw error("expected ',' or '" + close + "'");
                }
                return list;
            }
        }
    }

    private String string() throws SyntaxError {
        char quote = text.charAt(pos++);
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\n') {
                break;
            }
            if (c == '\\' && pos < text.length()) {
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case '0' -> sb.append('\0');
                    default -> sb.append(e); // \\, \', \" and anything we need not interpret
                }
            } else {
                sb.append(c);
            }
        }
        throw error("unterminated string");
    }

    private Long integer() throws SyntaxError {
        int start = pos;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            pos++;
        }
        int digits = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == digits) {
            throw error("expected digits");
        }
        String number = text.substring(start, pos);
        // Headers written by numpy on Python 2 may carry a long suffix, e.g. "(3L, 4L)".
        if (pos < text.length() && (text.charAt(pos) == 'L' || text.charAt(pos) == 'l')) {
            pos++;
        }
        if (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            throw error("unsupported number literal");
        }
        try {
            return Long.parseLong(number.startsWith("+") ? number.substring(1) : number);
        } catch (NumberFormatException e) {
            throw error("integer out of range: " + number);
        }
    }

    private Object name() throws SyntaxError {
        int start = pos;
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
            pos++;
        }
        String name = text.substring(start, pos);
        return switch (name) {
            case "True" -> Boolean.TRUE;
            case "False" -> Boolean.FALSE;
            case "None" -> null;
            default -> throw new SyntaxError("unsupported name '" + name + "' at offset " + start);
        };
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\r\n\f".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private boolean consume(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private SyntaxError error(String what) {
        return new SyntaxError(what + " at offset " + pos);
    }

    /** Python's repr of a parsed value, for error messages that quote the header. */
    static String repr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof String s) {
            return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (v instanceof Tuple t) {
            String inner = t.items().stream().map(PyLiteral::repr).collect(Collectors.joining(", "));
            return t.items().size() == 1 ? "(" + inner + ",)" : "(" + inner + ")";
        }
        if (v instanceof List<?> list) {
            return list.stream().map(PyLiteral::repr).collect(Collectors.joining(", ", "[", "]"));
        }
        if (v instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> repr(e.getKey()) + ": " + repr(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return v.toString();
    }
}
