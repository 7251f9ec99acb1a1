"""PyTorch's own activations, by forward hooks, for ExportedTorchvisionModelTest.

usage: forward_hooks.py ARCH SEED LAYER[,LAYER...] N OUT_DIR

Builds torchvision ARCH with torch.manual_seed(SEED) exactly as python/ipb_export.py does, makes N
RGB 224x224 images (seeded uint8 noise with smooth structure), turns them into input as torchvision's
ToTensor + Normalize(ImageNet mean, std) do, and writes OUT_DIR/input.npy (N,3,224,224 float32),
OUT_DIR/<layer>.npy for the output of each named module (register_forward_hook) and
OUT_DIR/logits.npy, all float32. The images go to OUT_DIR/images/*.png as well.
"""
import os
import sys

import numpy as np
import torch
import torchvision
from PIL import Image

arch, seed, layers, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(","), int(sys.argv[4]), sys.argv[5]
torch.set_grad_enabled(False)
torch.manual_seed(seed)
kwargs = {"num_classes": 1000}
if arch.startswith("googlenet"):
    kwargs.update(aux_logits=False, init_weights=True)
model = getattr(torchvision.models, arch)(**kwargs).eval()

captured = {}
for name in layers:
    model.get_submodule(name).register_forward_hook(
        lambda module, inputs, output, name=name: captured.__setitem__(name, output.detach().clone()))

rng = np.random.default_rng(seed + 17)
os.makedirs(os.path.join(out, "images"), exist_ok=True)
yy, xx = np.mgrid[0:224, 0:224] / 224.0
tensors = []
for i in range(n):
    f = rng.uniform(1, 6, size=3)
    base = np.stack([np.sin(2 * np.pi * (f[c] * xx + (c + 1) * yy) + i) for c in range(3)], axis=-1)
    img = np.clip(127.5 + 90 * base + rng.normal(0, 20, size=base.shape), 0, 255).astype(np.uint8)
    Image.fromarray(img, "RGB").save(os.path.join(out, "images", "img%02d.png" % i))
    t = torchvision.transforms.functional.to_tensor(img)
    t = torchvision.transforms.functional.normalize(t, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
    tensors.append(t)
x = torch.stack(tensors)
logits = model(x)
np.save(os.path.join(out, "input.npy"), x.numpy().astype(np.float32))
np.save(os.path.join(out, "logits.npy"), logits.numpy().astype(np.float32))
for name in layers:
    np.save(os.path.join(out, name + ".npy"), captured[name].numpy().astype(np.float32))
print("ok", tuple(x.shape), {k: tuple(v.shape) for k, v in captured.items()})
