#!/usr/bin/env python3
"""PyTorch's own speed on an ipb TorchScript model, for `ipb bench extract --torch`.

Usage:
  python3 python/bench_torch.py --model M.pt --pixels P.npy --batch B --threads T --warmup W
                                [--layers 2] [--manifest M.json] [--eager]

Runs the same .pt file ipb loads on the same preprocessed images (P.npy, float32 N x C x H x W,
written by ipb), in inference mode, with T intra-op threads and one inter-op thread as ipb's
PyTorch engine: W warm-up batches (the TorchScript profiling executor optimizes a graph on its
second call of a shape), then every batch of P.npy once, timed one by one. Per batch it does what
ipb's extraction does: the forward pass and, for each of the first --layers outputs, the mean over
the spatial positions copied out of the tensor.

With --manifest (an ipb_export.py manifest, whose description names the architecture) the eager
torchvision model is rebuilt with random weights and its forward FLOPs counted by hooks on every
Conv2d and Linear (2 per multiply-add, biases left out, as ipb's FlopCount); --eager also times it.
Prints one JSON object on standard output.

With --serve, ipb drives the timing batch by batch, alternating with its own engine so that both
see the same load: after loading, one JSON line (versions, threads, FLOPs); then for every line
"FROM TO" on standard input, images [FROM, TO) are read out and their seconds printed on a line.
"""
import argparse
import json
import re
import sys
import time

EXIT_USAGE = 2


def fail(message):
    print("bench_torch: " + message, file=sys.stderr)
    sys.exit(EXIT_USAGE)


def parse_args(argv):
    p = argparse.ArgumentParser(prog="bench_torch.py", description="PyTorch speed on an ipb TorchScript model.")
    p.add_argument("--model", required=True, help="TorchScript file")
    p.add_argument("--pixels", required=True, help="float32 .npy of preprocessed images, N x C x H x W")
    p.add_argument("--batch", type=int, required=True)
    p.add_argument("--threads", type=int, required=True, help="intra-op threads (inter-op: 1)")
    p.add_argument("--warmup", type=int, default=3, help="warm-up batches, not timed (default 3)")
    p.add_argument("--layers", type=int, default=0, help="outputs read out per batch as ipb does (spatial mean)")
    p.add_argument("--manifest", help="ipb model manifest; its torchvision architecture gives the FLOPs")
    p.add_argument("--eager", action="store_true", help="also time the eager torchvision model")
    p.add_argument("--serve", action="store_true", help="time the batches standard input names, one per line")
    return p.parse_args(argv)


def eager_model(manifest_file):
    """The torchvision architecture that python/ipb_export.py names in the manifest, or None."""
    import torchvision
    with open(manifest_file) as f:
        description = json.load(f).get("description", "")
    m = re.match(r"torchvision (\S+) exported by python/ipb_export\.py", description)
    if m is None or not hasattr(torchvision.models, m.group(1)):
        return None
    return getattr(torchvision.models, m.group(1))(weights=None).eval()


def count_flops(model, example):
    """Forward FLOPs of one image: 2 x multiply-adds of every Conv2d and Linear."""
    import torch
    macs = [0]

    def conv(module, inputs, output):
        k = module.kernel_size[0] * module.kernel_size[1]
        macs[0] += output[0].numel() * (module.in_channels // module.groups) * k

    def linear(module, inputs, output):
        macs[0] += output[0].numel() * module.in_features

    hooks = []
    for mod in model.modules():
        if isinstance(mod, torch.nn.Conv2d):
            hooks.append(mod.register_forward_hook(conv))
        elif isinstance(mod, torch.nn.Linear):
            hooks.append(mod.register_forward_hook(linear))
    model(example[:1])
    for h in hooks:
        h.remove()
    return 2 * macs[0]


def timed_batches(run, x, batch, warmup):
    """Seconds of each batch of x after `warmup` untimed batches (cycling through x)."""
    n = x.shape[0]
    starts = list(range(0, n, batch))
    for i in range(warmup):
        s = starts[i % len(starts)]
        run(x[s:s + batch])
    seconds = []
    for s in starts:
        t0 = time.perf_counter()
        run(x[s:s + batch])
        seconds.append(time.perf_counter() - t0)
    return seconds


def capability(torch):
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage:" in line:
            return line.split(":", 1)[1].strip()
    return "unknown"


def main(argv):
    args = parse_args(argv)
    try:
        import numpy as np
        import torch
    except ImportError as e:
        fail("%s has no %s (Debian: python3-torch, python3-torchvision; with ipb: --python /usr/bin/python3)"
             % (sys.executable, e.name))
    # Before any parallel work, or torch ignores the inter-op setting.
    torch.set_num_interop_threads(1)
    torch.set_num_threads(args.threads)
    try:
        x = torch.from_numpy(np.load(args.pixels))
    except (OSError, ValueError) as e:
        fail("%s: cannot read: %s" % (args.pixels, e))
    if x.dim() != 4 or x.dtype != torch.float32:
        fail("%s: want float32 N x C x H x W, got %s %s" % (args.pixels, x.dtype, tuple(x.shape)))
    try:
        module = torch.jit.load(args.model).eval()
    except RuntimeError as e:
        fail("%s: cannot load TorchScript: %s" % (args.model, str(e).splitlines()[0]))

    def readout(xb):
        outputs = module(xb)
        for t in outputs[:args.layers]:
            (t.mean(dim=(2, 3)) if t.dim() == 4 else t).numpy()

    result = {"torch": torch.__version__, "capability": capability(torch), "threads": torch.get_num_threads(),
              "interopThreads": torch.get_num_interop_threads(), "images": int(x.shape[0]), "batch": args.batch,
              "warmup": args.warmup}
    if args.serve:
        with torch.inference_mode():
            eager = eager_model(args.manifest) if args.manifest else None
            result["flopsPerImage"] = count_flops(eager, x) if eager is not None else -1
            print(json.dumps(result), flush=True)
            for line in sys.stdin:
                start, stop = (int(v) for v in line.split())
                t0 = time.perf_counter()
                readout(x[start:stop])
                print(time.perf_counter() - t0, flush=True)
        return 0
    with torch.inference_mode():
        seconds = timed_batches(readout, x, args.batch, args.warmup)
        result["batchSeconds"] = seconds
        result["imagesPerSecond"] = x.shape[0] / sum(seconds)
        eager = eager_model(args.manifest) if args.manifest else None
        result["flopsPerImage"] = count_flops(eager, x) if eager is not None else -1
        if args.eager and eager is not None:
            eager_seconds = timed_batches(eager, x, args.batch, args.warmup)
            result["eagerImagesPerSecond"] = x.shape[0] / sum(eager_seconds)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
