package org.ipb.leaderboards.publish;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.ipb.core.Json;
import org.ipb.leaderboards.board.Leaderboard;

/**
 * {@code leaderboard.json}: {@link Json#MAPPER} with three changes for byte-stable files: map
 * entries sorted by key (benchmark definitions hold unordered maps), doubles written by {@link
 * Numbers#shortest} (NaN and infinities as the strings {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"}, as Jackson does by default), and {@code \n} line ends on every platform.
 */
final class JsonOutput {
    /** Class-path resource of the schema, relative to this package. */
    static final String SCHEMA_RESOURCE = "leaderboard.schema.json";

    private static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .registerModule(new SimpleModule("ipb-stable-doubles")
                    .addSerializer(Double.class, new StableDouble())
                    .addSerializer(double.class, new StableDouble()));

    private static final ObjectWriter WRITER = MAPPER.writer()
            .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .with(SerializationFeature.INDENT_OUTPUT)
            .with(new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private static volatile JsonSchema schema;

    private JsonOutput() {}

    /** The board as pretty-printed JSON, ending with a newline. */
    static String json(Leaderboard board) {
        try {
            return WRITER.writeValueAsString(board) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the leaderboard: " + e.getOriginalMessage(), e);
        }
    }

    /** The schema file as shipped in the jar. */
    static byte[] schemaBytes() {
        try (InputStream in = JsonOutput.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing from the jar: " + SCHEMA_RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
        }
    }

    /** Schema violations of {@code json} as {@code "$.path: problem"}, in a stable order; empty when valid. */
    static List<String> violations(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            return schema().validate(root).stream()
                    .map(JsonOutput::describe)
                    .sorted()
                    .toList();
        } catch (JsonProcessingException e) {
            return List.of("$: invalid JSON: " + e.getOriginalMessage());
        }
    }

    private static String describe(ValidationMessage m) {
        String where = String.valueOf(m.getInstanceLocation());
        String text = m.getMessage();
        return text.startsWith(where + ": ") ? text : where + ": " + text;
    }

    private static JsonSchema schema() {
        JsonSchema s = schema;
        if (s == null) {
            try {
                JsonNode node = MAPPER.readTree(schemaBytes());
                s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node,
                        SchemaValidatorsConfig.builder().pathType(PathType.JSON_PATH).locale(Locale.ENGLISH).build());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load " + SCHEMA_RESOURCE, e);
            }
            schema = s;
        }
        return s;
    }

    /** Doubles by {@link Numbers#shortest}; non-finite values as strings. */
    private static final class StableDouble extends StdSerializer<Double> {
        StableDouble() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            double d = value;
            if (Double.isNaN(d)) {
                gen.writeString("NaN");
            } else if (Double.isInfinite(d)) {
                gen.writeString(d > 0 ? "Infinity" : "-Infinity");
            } else {
                gen.writeNumber(Numbers.shortest(d));
            }
        }
    }
}
