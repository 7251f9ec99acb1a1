package org.ipb.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Where a stimulus set's images and labels come from; the JSON {@code "type"} picks the record. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = StimulusSource.IdxSource.class, name = "idx"),
    @JsonSubTypes.Type(value = StimulusSource.ImageFolderSource.class, name = "image-folder"),
    @JsonSubTypes.Type(value = StimulusSource.CsvSource.class, name = "csv")
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface StimulusSource {

    /** An IDX image file (N x rows x columns, unsigned bytes) and an optional IDX label file. */
    record IdxSource(String images, String labels) implements StimulusSource {}

    /** One subfolder per class under {@code root}, images inside (ImageNet-val layout). */
    record ImageFolderSource(String root) implements StimulusSource {}

    /**
     * A CSV list with a header row; {@code pathColumn} holds image paths relative to the CSV's
     * folder, {@code labelColumn} (optional, may be null) an integer label or a class name.
     */
    record CsvSource(String file, String pathColumn, String labelColumn) implements StimulusSource {}
}
