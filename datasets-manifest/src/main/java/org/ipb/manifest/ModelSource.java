package org.ipb.manifest;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Where a model's weights come from; the JSON {@code "type"} picks the record. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ModelSource.DjlBlockSource.class, name = "djl-block"),
    @JsonSubTypes.Type(value = ModelSource.ModelZooSource.class, name = "model-zoo"),
    @JsonSubTypes.Type(value = ModelSource.MxnetSymbolSource.class, name = "mxnet-symbol"),
    @JsonSubTypes.Type(value = ModelSource.TorchScriptSource.class, name = "torchscript")
})
public sealed interface ModelSource {

    /**
     * A DJL Block checkpoint; the architecture is Java code, found by {@code builder} name, because
     * a .params file holds weights only.
     */
    record DjlBlockSource(String builder, String params) implements ModelSource {}

    /** Anything DJL's Criteria can load by URL: {@code djl://}, {@code https://}, {@code file://}. */
    record ModelZooSource(String url) implements ModelSource {}

    /** MXNet export: {@code <directory>/<prefix>-symbol.json} and {@code <prefix>-0000.params}. */
    record MxnetSymbolSource(String directory, String prefix) implements ModelSource {}

    /** A TorchScript archive (.pt) for the PyTorch engine. */
    record TorchScriptSource(String file) implements ModelSource {}
}
