package org.ipb.manifest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rules that JSON Schema cannot express (they relate two fields, or need uniqueness by a key). */
final class ManifestRules {
    private ManifestRules() {}

    static Optional<ManifestProblem> stimulusSet(StimulusSetManifest m) {
        Optional<ManifestProblem> pre = preprocessing(m.preprocessing());
        if (pre.isPresent()) {
            return pre;
        }
        Optional<ManifestProblem> duplicate = firstDuplicate(m.classes(), i -> "$.classes[" + i + "]", "class name");
        if (duplicate.isPresent()) {
            return duplicate;
        }
        if (m.source() instanceof StimulusSource.CsvSource csv && csv.pathColumn().equals(csv.labelColumn())) {
            return problem("$.source.labelColumn", "is the same column as pathColumn ('" + csv.pathColumn() + "')");
        }
        return Optional.empty();
    }

    /** resize, crop and convert: each is checked here so that no image is read for a bad manifest. */
    private static Optional<ManifestProblem> torchvisionFields(StimulusSetManifest.Preprocessing p) {
        var crop = p.crop();
        if (p.resize() != null && crop == null) {
            return problem("$.preprocessing.resize", "needs crop: Resize(int) keeps each image's aspect ratio, so"
                    + " only a centre crop gives every image height x width (for square images use crop = resize)");
        }
        if (crop != null && (crop.height() != p.height() || crop.width() != p.width())) {
            return problem("$.preprocessing.crop", "crop " + crop + " differs from height x width " + p.height()
                    + "x" + p.width() + " (the crop is the network input)");
        }
        if (crop != null && p.resize() != null && Math.max(crop.height(), crop.width()) > p.resize()) {
            return problem("$.preprocessing.crop", "crop " + Math.max(crop.height(), crop.width())
                    + " larger than resize " + p.resize() + " (the short side after resizing)");
        }
        if (p.convert() != null && !p.torchvisionStyle()) {
            return problem("$.preprocessing.convert", "applies only with resize or crop (without them every image"
                    + " is converted to channels anyway)");
        }
        if (p.convert() != null && p.convert().channels() != p.channels()) {
            return problem("$.preprocessing.convert", "'" + p.convert().name().toLowerCase(java.util.Locale.ROOT)
                    + "' gives " + p.convert().channels() + (p.convert().channels() == 1 ? " channel" : " channels")
                    + " but channels is " + p.channels());
        }
        return Optional.empty();
    }

    static Optional<ManifestProblem> model(ModelManifest m) {
        List<String> names = m.layers().stream().map(ModelManifest.Layer::name).toList();
        Optional<ManifestProblem> duplicate = firstDuplicate(names, i -> "$.layers[" + i + "].name", "layer name");
        if (duplicate.isPresent()) {
            return duplicate;
        }
        for (int i = 0; i < m.layers().size(); i++) {
            if (m.layers().get(i).tail() != null && !(m.source() instanceof ModelSource.TorchScriptSource)) {
                return problem("$.layers[" + i + "].tail", "only torchscript models have tails");
            }
        }
        if (m.preprocessing() != null) {
            var p = m.preprocessing();
            List<Integer> shape = m.inputShape();
            if (p.channels() != shape.get(0) || p.height() != shape.get(1) || p.width() != shape.get(2)) {
                return problem("$.preprocessing", "gives " + p.channels() + "x" + p.height() + "x" + p.width()
                        + " images but inputShape is " + shape.get(0) + "x" + shape.get(1) + "x" + shape.get(2));
            }
            return preprocessing(p);
        }
        return Optional.empty();
    }

    private static Optional<ManifestProblem> preprocessing(StimulusSetManifest.Preprocessing p) {
        if (p.mean().length != p.channels()) {
            return problem("$.preprocessing.mean", valuesVsChannels(p.mean().length, p.channels()));
        }
        if (p.std().length != p.channels()) {
            return problem("$.preprocessing.std", valuesVsChannels(p.std().length, p.channels()));
        }
        return torchvisionFields(p);
    }

    private static String valuesVsChannels(int values, int channels) {
        return "has " + values + (values == 1 ? " value" : " values") + " but channels is " + channels
                + " (one value per channel)";
    }

    private static Optional<ManifestProblem> firstDuplicate(
            List<String> values, java.util.function.IntFunction<String> pathOf, String what) {
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            Integer earlier = firstIndex.putIfAbsent(values.get(i), i);
            if (earlier != null) {
                return problem(pathOf.apply(i),
                        "duplicate " + what + " '" + values.get(i) + "' (also at " + pathOf.apply(earlier) + ")");
            }
        }
        return Optional.empty();
    }

    private static Optional<ManifestProblem> problem(String path, String text) {
        return Optional.of(new ManifestProblem(path, text));
    }
}
