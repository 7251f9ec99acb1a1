#!/usr/bin/env python3
"""Export a torchvision or timm network for ipb: TorchScript files plus an ipb model manifest.

Usage:
  python3 python/ipb_export.py torchvision resnet18 --random-seed 0 --layers layer2,layer3 --out DIR
  python3 python/ipb_export.py torchvision resnet50 --weights resnet50.pth --layers layer3 --out DIR
  python3 python/ipb_export.py timm vit_small_patch16_224 --weights W.pth --layers blocks.6 --out DIR

Writes into DIR (NAME defaults to the architecture name):
  NAME.pt                the network traced as TorchScript; it returns a tuple: the output of every
                         named layer (in --layers order) and, last, the logits;
  NAME.tail-LAYER.pt     per layer, the rest of the network after LAYER (its output in, logits out),
                         so ipb can project a direction out of LAYER and run the rest (ablation);
                         omitted, with a warning, where other parts of the graph also feed the rest
                         (inside a residual block the skip path does), so the layer is not a cut;
  NAME.json              the ipb model manifest: engine PyTorch, the layers with their output index
                         and tail, the input size, sha256 of every file and the model's
                         preprocessing as torchvision's ImageFolder + weights transforms do it
                         (convert to RGB, resize the short side, centre-crop, ToTensor, Normalize);
                         ipb preprocesses images so for this model (observers included);
  NAME.layers.txt        every valid layer name (torchvision feature-extraction graph nodes);
  NAME.benchmark.json    a benchmark-definition template for `ipb run --benchmark` and `ipb submit`:
                         the protocol, scorers and seeds of this checkout's default benchmark
                         (leaderboards/benchmarks/fmnist-2afc.v3.json) on this model's layers, the
                         stimulus set --stimulus-set and the observer --observer; edit its id,
                         description, stimulus set and observer before publishing a board with it.

Layer names are those of torchvision.models.feature_extraction.get_graph_node_names (eval mode), or
a module name such as "layer3", which stands for the last node inside that module (torchvision's own
rule). A bad name is reported with the valid ones. Needs only torch and torchvision (timm for timm
models). Before writing anything, the traced module is checked against the eager model on random
input (max abs difference of logits and of each layer's output); a mismatch is an error.
"""
import argparse
import hashlib
import json
import os
import sys
import tempfile

EXIT_USAGE = 2

# torchvision's ImageNet classification preprocessing (the transforms of its pretrained weights).
IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]


def fail(message):
    print("ipb_export: " + message, file=sys.stderr)
    sys.exit(EXIT_USAGE)


def parse_args(argv):
    p = argparse.ArgumentParser(prog="ipb_export.py",
                                description="Export a torchvision/timm network as TorchScript for ipb.")
    p.add_argument("library", choices=["torchvision", "timm"], help="where the architecture comes from")
    p.add_argument("arch", help="architecture name, e.g. resnet18, googlenet, resnet50")
    w = p.add_mutually_exclusive_group(required=True)
    w.add_argument("--weights", help="state_dict file (.pth) to load into the architecture")
    w.add_argument("--random-seed", type=int, help="seed the initial weights instead of loading any")
    p.add_argument("--layers", required=True, help="comma-separated layer (graph node or module) names")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--name", help="model name in the manifest (default: the architecture, lower-case)")
    p.add_argument("--input-size", type=int, default=224, help="square input side (default 224)")
    p.add_argument("--resize", type=int, default=None,
                   help="short side before the centre crop (default: input-size * 256/224, torchvision's rule)")
    p.add_argument("--mean", default=",".join(map(str, IMAGENET_MEAN)), help="per-channel mean (RGB, 0-1 scale)")
    p.add_argument("--std", default=",".join(map(str, IMAGENET_STD)), help="per-channel std (RGB, 0-1 scale)")
    p.add_argument("--classes", type=int, default=1000, help="number of output classes (default 1000)")
    p.add_argument("--no-tails", action="store_true", help="do not export the per-layer tails")
    p.add_argument("--transform-input", choices=["on", "off"], default=None,
                   help="googlenet/inception_v3: torchvision's transform_input (default: on with --weights, as"
                        " torchvision's builders do for its pretrained weights; off with --random-seed)")
    p.add_argument("--stimulus-set", default="fashion-mnist-test",
                   help="stimulus set of the benchmark template: a shipped name or a manifest path relative to --out"
                        " (default fashion-mnist-test; its grey images are converted to RGB as torchvision does)")
    p.add_argument("--methods", default=None,
                   help="comma-separated direction finders of the benchmark template (default: the default benchmark's)")
    p.add_argument("--k", type=int, default=None,
                   help="directions per method and layer in the template (default: the default benchmark's)")
    p.add_argument("--observer", default="pixels",
                   help="observer of the benchmark template: pixels, or MANIFEST.json:LAYER of an exported network"
                        " (path relative to --out; default pixels)")
    return p.parse_args(argv)


def build_model(args):
    import torch
    if args.random_seed is not None:
        torch.manual_seed(args.random_seed)
    if args.library == "torchvision":
        import torchvision
        try:
            ctor = torchvision.models.get_model_builder(args.arch) if hasattr(torchvision.models, "get_model_builder") \
                else getattr(torchvision.models, args.arch)
        except (AttributeError, ValueError):
            fail("unknown torchvision architecture '%s'" % args.arch)
        kwargs = {"num_classes": args.classes}
        if args.arch.startswith("googlenet") or args.arch.startswith("inception"):
            # No auxiliary heads: only the main classifier exists at inference; init_weights keeps
            # torchvision's own initialisation (it warns when left unset). torchvision's builders turn
            # transform_input on with its pretrained weights (they expect it); so does --weights here.
            transform = args.weights is not None if args.transform_input is None else args.transform_input == "on"
            kwargs.update(aux_logits=False, init_weights=True, transform_input=transform)
        model = ctor(**kwargs)
    else:
        try:
            import timm
        except ImportError:
            fail("timm is not installed (pip install timm), needed for 'timm %s'" % args.arch)
        try:
            model = timm.create_model(args.arch, pretrained=False, num_classes=args.classes)
        except RuntimeError as e:
            fail("timm cannot build '%s': %s" % (args.arch, e))
    if args.weights is not None:
        if not os.path.isfile(args.weights):
            fail("%s: weights file not found" % args.weights)
        state = torch.load(args.weights, map_location="cpu")
        if isinstance(state, dict) and "state_dict" in state:
            state = state["state_dict"]
        try:
            model.load_state_dict(state)
        except RuntimeError as e:
            fail("%s: weights do not fit %s: %s" % (args.weights, args.arch, str(e).splitlines()[0]))
    return model.eval()


def graph_node_names(model):
    from torchvision.models.feature_extraction import get_graph_node_names
    _, eval_nodes = get_graph_node_names(model)
    return eval_nodes


def resolve_layer(name, nodes):
    """A node name, or a module prefix standing for the last node inside it (torchvision's rule)."""
    if name in nodes:
        return name
    inside = [n for n in nodes if n.startswith(name + ".")]
    if inside:
        return name
    return None


class Tupled:
    """Builds an nn.Module returning the named layers then the logits, as a tuple (TorchScript-friendly)."""

    @staticmethod
    def make(model, layers, output_node):
        import torch
        from torchvision.models.feature_extraction import create_feature_extractor
        nodes = {layer: "f%d" % i for i, layer in enumerate(layers)}
        if output_node in nodes:
            fail("layer '%s' is the network's output; name an intermediate layer" % output_node)
        nodes[output_node] = "logits"
        extractor = create_feature_extractor(model, return_nodes=nodes)
        keys = ["f%d" % i for i in range(len(layers))]

        class Readout(torch.nn.Module):
            def __init__(self, inner):
                super().__init__()
                self.inner = inner

            def forward(self, x):
                d = self.inner(x)
                return tuple(d[k] for k in keys) + (d["logits"],)

        return Readout(extractor).eval()


def make_tail(model, layer, output_node):
    """The graph after `layer` as a module from that layer's output to the logits, or None with the reason."""
    import torch
    from torchvision.models.feature_extraction import create_feature_extractor
    full = create_feature_extractor(model, return_nodes={layer: "feat", output_node: "logits"})
    graph_nodes = list(full.graph.nodes)
    out = [n for n in graph_nodes if n.op == "output"][0]
    cut, logits = out.args[0]["feat"], out.args[0]["logits"]
    needed, stack = set(), [logits]
    while stack:
        n = stack.pop()
        if n in needed or n is cut:
            continue
        needed.add(n)
        stack.extend(n.all_input_nodes)
    others = sorted(n.name for n in needed if n.op == "placeholder")
    if others:
        # The logits also depend on the input through a path that avoids the layer (a skip connection).
        return None, "the rest of the network also reads the input by another path (not a cut of the graph)"
    g = torch.fx.Graph()
    env = {cut: g.placeholder("feat")}
    for n in graph_nodes:
        if n in needed:
            env[n] = g.node_copy(n, lambda a: env[a])
    g.output(env[logits])
    return torch.fx.GraphModule(full, g).eval(), None


def benchmark_template(name, layers, tails, args):
    """The checkout's default benchmark (protocol, scorers, seeds) on this model's layers."""
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", "leaderboards", "benchmarks", "fmnist-2afc.v3.json")
    with open(default) as f:
        base = json.load(f)
    scorers = dict(base["scorers"])
    if any(layer not in tails for layer in layers):
        # Ablation runs the network on from the layer; without a tail it cannot.
        scorers.pop("ablation", None)
    keep = ["methods", "k", "tasks", "protocol", "quantile", "extremes", "referenceRanks", "references",
            "scorerOptions", "methodOptions", "directionSeed", "taskSeed", "bootstrapSeed"]
    t = {"kind": base["kind"], "id": name + "-2afc", "version": 1,
         "description": "%s (python/ipb_export.py) on layers %s, stimulus set %s, observer %s; protocol, scorers and"
                        " seeds as %s v%d" % (name, ", ".join(layers), args.stimulus_set, args.observer, base["id"],
                                              base["version"]),
         "model": name + ".json", "layers": layers, "stimulusSet": args.stimulus_set}
    for k in keep:
        if k in base:
            t[k] = base[k]
    if args.methods:
        t["methods"] = [m.strip() for m in args.methods.split(",") if m.strip()]
    if args.k:
        t["k"] = args.k
    t["scorers"] = scorers
    if "ablation" not in scorers:
        t["scorerOptions"] = {k: v for k, v in t.get("scorerOptions", {}).items() if not k.startswith("ablation")}
    t["observer"] = args.observer
    return t


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def max_abs(a, b):
    return float((a - b).abs().max())


def main(argv):
    args = parse_args(argv)
    import torch
    torch.set_grad_enabled(False)
    layers = [s.strip() for s in args.layers.split(",") if s.strip()]
    if not layers:
        fail("--layers names no layer")
    if len(set(layers)) != len(layers):
        fail("--layers names a layer twice")
    model = build_model(args)
    nodes = graph_node_names(model)
    output_node = nodes[-1]
    bad = [l for l in layers if resolve_layer(l, nodes) is None]
    if bad:
        fail("%s %s: no such layer in %s %s; valid layers: %s" % (
            "layer" if len(bad) == 1 else "layers", ", ".join(bad), args.library, args.arch,
            ", ".join(n for n in nodes if n != "x")))
    name = (args.name or args.arch).lower().replace("_", "-")
    size = args.input_size
    resize = args.resize if args.resize is not None else int(size * 256 / 224)
    if resize < size:
        fail("--resize %d is smaller than the crop (input size %d)" % (resize, size))
    mean = [float(v) for v in args.mean.split(",")]
    std = [float(v) for v in args.std.split(",")]
    if len(mean) != 3 or len(std) != 3:
        fail("--mean and --std need three values (R, G, B)")

    example = torch.rand(2, 3, size, size, generator=torch.Generator().manual_seed(0))
    readout = Tupled.make(model, layers, output_node)
    traced = torch.jit.trace(readout, example, check_trace=False)
    eager_logits = model(example)
    got = traced(example)
    if not isinstance(got, tuple) or len(got) != len(layers) + 1:
        fail("the traced %s returns no named nodes" % args.arch)
    diff = max_abs(got[-1], eager_logits)
    if diff > 1e-4 * max(1.0, float(eager_logits.abs().max())):
        fail("traced %s differs from the eager model by %.3g on the logits" % (args.arch, diff))

    tails = {}
    if not args.no_tails:
        for i, layer in enumerate(layers):
            tail, why = make_tail(model, layer, output_node)
            if tail is None:
                print("ipb_export: warning: no tail for layer %s: %s; ablation at it is unavailable"
                      % (layer, why), file=sys.stderr)
                continue
            t = torch.jit.trace(tail, got[i], check_trace=False)
            d = max_abs(t(got[i]), got[-1])
            if d > 1e-4 * max(1.0, float(got[-1].abs().max())):
                fail("the tail after %s differs from the whole network by %.3g" % (layer, d))
            tails[layer] = t

    # Written to a temporary folder and moved at the end: a failed export leaves nothing behind.
    os.makedirs(args.out, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".ipb-export-", dir=args.out)
    files = {}
    main_file = name + ".pt"
    traced.save(os.path.join(tmp, main_file))
    files[main_file] = sha256(os.path.join(tmp, main_file))
    layer_entries = []
    for i, layer in enumerate(layers):
        shape = list(got[i].shape[1:])
        entry = {"name": layer,
                 "description": "%s %s node %s, output %s" % (args.library, args.arch, layer,
                                                              "x".join(map(str, shape))),
                 "node": str(i)}
        if layer in tails:
            tail_file = "%s.tail-%s.pt" % (name, layer)
            tails[layer].save(os.path.join(tmp, tail_file))
            files[tail_file] = sha256(os.path.join(tmp, tail_file))
            entry["tail"] = tail_file
        layer_entries.append(entry)
    weights = ("weights %s (sha256 %s)" % (os.path.basename(args.weights), sha256(args.weights))
               if args.weights else "seeded random weights (torch.manual_seed(%d))" % args.random_seed)
    manifest = {
        "kind": "model",
        "name": name,
        "version": "1",
        "description": "%s %s exported by python/ipb_export.py (torch %s); %s; outputs: %s, then logits"
                       % (args.library, args.arch, torch.__version__, weights, ", ".join(layers)),
        "engine": "PyTorch",
        "source": {"type": "torchscript", "file": main_file},
        "inputShape": [3, size, size],
        "classes": args.classes,
        "layers": layer_entries,
        "preprocessing": {"height": size, "width": size, "channels": 3, "scale": 1.0 / 255,
                          "mean": mean, "std": std, "resize": resize, "crop": size, "convert": "rgb"},
        "sha256": files,
    }
    with open(os.path.join(tmp, name + ".json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    with open(os.path.join(tmp, name + ".benchmark.json"), "w") as f:
        json.dump(benchmark_template(name, layers, tails, args), f, indent=2)
        f.write("\n")
    with open(os.path.join(tmp, name + ".layers.txt"), "w") as f:
        f.write("\n".join(n for n in nodes if n != "x") + "\n")
    for fname in os.listdir(tmp):
        os.replace(os.path.join(tmp, fname), os.path.join(args.out, fname))
    os.rmdir(tmp)
    print("wrote %s (%d layers, %d tails; traced vs eager logits max |diff| %.2e)"
          % (os.path.join(args.out, name + ".json"), len(layers), len(tails), diff))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
