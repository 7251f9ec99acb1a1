package org.ipb.study.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
    static List<List<String>> all(String text) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (CsvReader r = new CsvReader(new StringReader(text))) {
            List<String> rec;
            while ((rec = r.next()) != null) {
                out.add(rec);
            }
        }
        return out;
    }

    @Test
    void quotedFields() throws IOException {
        assertEquals(List.of(List.of("", "a", "b")), all(",a,b\n"));
        assertEquals(List.of(List.of("1", "layer_r, r ", "x")), all("1,\"layer_r, r \",x"));
        assertEquals(List.of(List.of("say \"hi\"", "")), all("\"say \"\"hi\"\"\",\"\"\r\n"));
        assertEquals(List.of(List.of("two\nlines", "z"), List.of("next")), all("\"two\nlines\",z\nnext\n"));
        assertEquals(List.of(List.of(" a ", "b\"c")), all(" a ,b\"c"));
        assertEquals(List.of(List.of("x", "")), all("x,"));
    }

    @Test
    void lineNumbersCountPhysicalLines() throws IOException {
        try (CsvReader r = new CsvReader(new StringReader("h\n\"a\nb\"\nc\n"))) {
            r.next();
            assertEquals(1, r.line());
            r.next();
            assertEquals(2, r.line());
            assertEquals(List.of("c"), r.next());
            assertEquals(4, r.line());
            assertNull(r.next());
        }
    }

    @Test
    void malformedInputNamesTheLine() {
        CsvReader.MalformedCsvException e = assertThrows(CsvReader.MalformedCsvException.class,
                () -> all("a\nb,\"open\n"));
        assertEquals(2, e.line());
        assertThrows(CsvReader.MalformedCsvException.class, () -> all("\"a\"b,c\n"));
    }
}
