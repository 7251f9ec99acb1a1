/**
 * Stimulus-set and model manifests: strictly validated JSON files that say what a data set or a
 * network is, where its files are, and how images are prepared for it.
 *
 * <p>Entry points: {@link org.ipb.manifest.ManifestCatalog} turns a {@code --dataset} or
 * {@code --model} argument into a manifest path, {@link org.ipb.manifest.Manifests} reads and
 * validates it (JSON Schema, then Jackson binding, then semantic rules; the first problem becomes
 * a one-line {@link org.ipb.core.UserError}), and {@link org.ipb.manifest.StimulusSets} opens a
 * stimulus set as labelled, preprocessed images. The schemas ship as resources next to these
 * classes: {@code stimulus-set.schema.json} and {@code model.schema.json}.
 *
 * <p>{@link org.ipb.manifest.ImagePreprocessor} has two pipelines: resize-to-size (OpenCV-style
 * bilinear, the shipped sets) and, when a manifest gives {@code resize} or {@code crop},
 * torchvision's on PIL images (Pillow's antialiased bilinear in 8-bit fixed point, CenterCrop,
 * float32 ToTensor/Normalize), bit-identical to torchvision 0.14 in {@code TorchvisionInteropTest}.
 */
package org.ipb.manifest;
