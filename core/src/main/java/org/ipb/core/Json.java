package org.ipb.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;

/** The one Jackson configuration used for every JSON file ipb writes (sidecars, provenance). */
public final class Json {
    /** Pretty-printed, keys in declaration order, so files diff well under version control. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Json() {}

    /** Writes {@code value} as JSON, atomically ({@link AtomicWrite}). */
    public static void write(Path file, Object value) {
        AtomicWrite.text(file, w -> w.write(MAPPER.writeValueAsString(value) + "\n"));
    }
}
