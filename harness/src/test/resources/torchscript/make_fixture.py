#!/usr/bin/env python3
"""Builds the TorchScript test fixture used by TorchScriptModelTest (harness module).

Run from anywhere with the system Python (Debian python3-torch, any torch >= 1.13):

    /usr/bin/python3 harness/src/test/resources/torchscript/make_fixture.py

It writes, next to this script:

  tiny.pt               a scripted TinyCnn (torch.jit.script + torch.jit.save)
  input.npy             float32 (2, 1, 8, 8): a fixed input batch
  expected_conv.npy     float32 (2, 4, 8, 8): output 0 of the module on input.npy
  expected_logits.npy   float32 (2, 3):       output 1 of the module on input.npy
  tiny-torchscript.json the ipb model manifest (engine PyTorch, layers conv -> output 0,
                        logits -> output 1, sha256 of tiny.pt)

TinyCnn takes 1x8x8 images: conv 3x3 (1 -> 4 channels, padding 1) + ReLU is the "conv" read-out,
then global average pooling + linear 4 -> 3 gives the "logits" read-out. forward() returns the
TUPLE (conv_feature_map, logits) so that both read-out layers are module outputs, which is how
ipb exposes intermediate layers of a TorchScript model (see OutputReadoutModel).

Everything is deterministic, down to the bytes of tiny.pt: weights come from torch.manual_seed(0), the input from a separate
torch.Generator seeded with 1234, and the model is evaluated in eval mode without autograd. The
Java test compares DJL's (libtorch) outputs with the expected arrays to within 1e-5. TorchScript
writes the Final constants of a module in set order, which depends on Python's string hashing, so
the script re-executes itself with PYTHONHASHSEED=0 to make tiny.pt (and its sha256) reproducible.
"""
import hashlib
import json
import os
import sys

if os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable] + sys.argv, dict(os.environ, PYTHONHASHSEED="0"))

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))


class TinyCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, kernel_size=3, padding=1)
        self.fc = nn.Linear(4, 3)

    def forward(self, x: torch.Tensor):
        conv = F.relu(self.conv(x))
        pooled = conv.mean(dim=(2, 3))
        logits = self.fc(pooled)
        return conv, logits


def main():
    torch.manual_seed(0)
    model = TinyCnn().eval()
    scripted = torch.jit.script(model)

    gen = torch.Generator().manual_seed(1234)
    batch = torch.randn(2, 1, 8, 8, generator=gen, dtype=torch.float32)
    with torch.no_grad():
        conv, logits = scripted(batch)
        # The scripted module must agree with eager mode.
        conv_eager, logits_eager = model(batch)
        assert torch.equal(conv, conv_eager) and torch.equal(logits, logits_eager)

    pt = os.path.join(HERE, "tiny.pt")
    scripted.save(pt)
    np.save(os.path.join(HERE, "input.npy"), batch.numpy().astype(np.float32))
    np.save(os.path.join(HERE, "expected_conv.npy"), conv.numpy().astype(np.float32))
    np.save(os.path.join(HERE, "expected_logits.npy"), logits.numpy().astype(np.float32))

    # Round trip: the saved archive reproduces the expected outputs.
    reloaded = torch.jit.load(pt)
    with torch.no_grad():
        c2, l2 = reloaded(batch)
    assert torch.equal(c2, conv) and torch.equal(l2, logits)

    with open(pt, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    manifest = {
        "kind": "model",
        "name": "tiny-torchscript",
        "version": "1",
        "description": "Test fixture: conv 3x3 (4 ch) + ReLU, global average pool, linear 3; "
                       "forward returns (conv, logits). Made by make_fixture.py with torch "
                       + torch.__version__ + ".",
        "engine": "PyTorch",
        "source": {"type": "torchscript", "file": "tiny.pt"},
        "inputShape": [1, 8, 8],
        "classes": 3,
        "layers": [
            {"name": "conv", "description": "ReLU(conv3x3) feature map, 4x8x8", "node": "0"},
            {"name": "logits", "description": "linear 3 after global average pool", "node": "1"},
        ],
        "sha256": {"tiny.pt": digest},
    }
    with open(os.path.join(HERE, "tiny-torchscript.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print("tiny.pt sha256", digest)


if __name__ == "__main__":
    main()
