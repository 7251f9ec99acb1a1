package org.ipb.study.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import org.ipb.core.Json;

/** A trial's reference image ids as stored: a JSON array in {@code max_references}/{@code min_references}. */
final class ImageIdsJson {
    private ImageIdsJson() {}

    static String write(List<String> ids) {
        try {
            return Json.MAPPER.writeValueAsString(ids);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ids of a stored array; none for SQL NULL (a trial imported without references). */
    static List<String> read(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return List.of(Json.MAPPER.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bad image-id array in the judgment database: " + json, e);
        }
    }
}
