package org.ipb.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.ipb.core.UserError;

/**
 * Reads one manifest kind in three stages, stopping at the first problem: JSON Schema (catches
 * unknown fields and wrong types, with a JSON path), Jackson binding (a second, stricter net, e.g.
 * 28.0 for an int), then semantic rules the schema cannot express.
 */
final class ManifestParser<T extends Manifest> {
    /** Strict on purpose: a typo in a manifest should fail loudly, not be ignored or coerced. */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig SCHEMA_CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_PATH)
            .locale(Locale.ENGLISH)
            .build();

    private final String kind;
    private final Class<T> type;
    private final JsonSchema schema;
    private final Function<T, Optional<ManifestProblem>> rules;

    ManifestParser(String kind, Class<T> type, String schemaResource, Function<T, Optional<ManifestProblem>> rules) {
        this.kind = kind;
        this.type = type;
        this.schema = loadSchema(schemaResource);
        this.rules = rules;
    }

    /** The manifest in {@code file}, or a {@link UserError} "file: $.path: problem". */
    T read(Path file) {
        JsonNode root = parseJson(file);
        Optional<ManifestProblem> problem = wrongKind(root)
                .or(() -> firstSchemaViolation(root));
        if (problem.isPresent()) {
            throw new UserError(file, problem.get().toString());
        }
        T manifest;
        try {
            manifest = MAPPER.treeToValue(root, type);
        } catch (JsonMappingException e) {
            throw new UserError(file, jsonPath(e) + ": " + withoutJacksonHints(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new UserError(file, "$: " + e.getOriginalMessage());
        }
        rules.apply(manifest).ifPresent(p -> {
            throw new UserError(file, p.toString());
        });
        return manifest;
    }

    private static JsonNode parseJson(Path file) {
        if (Files.isDirectory(file)) {
            throw new UserError(file, "is a directory, expected a .json manifest");
        }
        try (InputStream in = Files.newInputStream(file)) {
            JsonNode root = MAPPER.readTree(in);
            if (root == null || root.isMissingNode()) {
                throw new UserError(file, "empty file, expected a JSON object");
            }
            return root;
        } catch (NoSuchFileException e) {
            throw new UserError(file, "manifest not found");
        } catch (AccessDeniedException e) {
            throw new UserError(file, "permission denied");
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new UserError(file, "invalid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UserError(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Say "this is a model manifest" rather than list every field a stimulus set would need. */
    private Optional<ManifestProblem> wrongKind(JsonNode root) {
        JsonNode k = root.path("kind");
        boolean otherKnownKind = k.isTextual() && !k.asText().equals(kind)
                && (k.asText().equals(StimulusSetManifest.KIND) || k.asText().equals(ModelManifest.KIND));
        return otherKnownKind
                ? Optional.of(new ManifestProblem("$.kind", "this is a '" + k.asText() + "' manifest, expected '" + kind + "'"))
                : Optional.empty();
    }

    private Optional<ManifestProblem> firstSchemaViolation(JsonNode root) {
        Set<ValidationMessage> messages = schema.validate(root);
        return messages.stream().findFirst()
                .map(m -> new ManifestProblem(m.getInstanceLocation().toString(), withoutLocation(m)));
    }

    /** networknt prefixes its message with the instance location; we add our own. */
    private static String withoutLocation(ValidationMessage m) {
        String text = m.getMessage();
        String prefix = m.getInstanceLocation() + ": ";
        return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }

    /** Jackson suggests Java-side settings ("but could if coercion was enabled..."); users can't act on them. */
    private static String withoutJacksonHints(String message) {
        return message.replaceAll("\\s*\\(but could if [^)]*\\)", "");
    }

    private static String jsonPath(JsonMappingException e) {
        String path = "$";
        for (JsonMappingException.Reference ref : e.getPath()) {
            path = ref.getFieldName() != null
                    ? ManifestProblem.child(path, ref.getFieldName())
                    : path + "[" + ref.getIndex() + "]";
        }
        return path;
    }

    private static JsonSchema loadSchema(String resource) {
        try (InputStream in = ManifestParser.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing from the jar: " + resource);
            }
            return SCHEMAS.getSchema(MAPPER.readTree(in), SCHEMA_CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load schema " + resource, e);
        }
    }
}
