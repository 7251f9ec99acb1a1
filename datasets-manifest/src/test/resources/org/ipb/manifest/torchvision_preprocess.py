"""Reference for TorchvisionInteropTest: the torchvision ImageNet pipeline on PIL images.

usage: torchvision_preprocess.py OUT_DIR RESIZE CROP MEAN,MEAN,MEAN STD,STD,STD IMAGE...
For each IMAGE writes, as raw little-endian arrays named after it in OUT_DIR:
  NAME.rgb.u8      the decoded pixels, PIL.Image.open(IMAGE).convert("RGB"), H x W x 3 bytes
  NAME.tensor.f32  Compose([Resize(RESIZE), CenterCrop(CROP), ToTensor()]), 3 x CROP x CROP float32
  NAME.norm.f32    the same followed by Normalize(MEAN, STD)
and prints "torchvision VERSION torch VERSION pillow VERSION".
"""
import os
import sys

import numpy as np
import PIL
import torch
import torchvision
from PIL import Image
from torchvision import transforms

out_dir, resize, crop = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
mean = [float(v) for v in sys.argv[4].split(",")]
std = [float(v) for v in sys.argv[5].split(",")]
to_tensor = transforms.Compose([transforms.Resize(resize), transforms.CenterCrop(crop), transforms.ToTensor()])
normalize = transforms.Normalize(mean, std)
for path in sys.argv[6:]:
    name = os.path.basename(path)
    img = Image.open(path).convert("RGB")
    tensor = to_tensor(img)
    np.asarray(img, dtype=np.uint8).tofile(os.path.join(out_dir, name + ".rgb.u8"))
    tensor.numpy().astype("<f4").tofile(os.path.join(out_dir, name + ".tensor.f32"))
    normalize(tensor.clone()).numpy().astype("<f4").tofile(os.path.join(out_dir, name + ".norm.f32"))
print("torchvision", torchvision.__version__, "torch", torch.__version__, "pillow", PIL.__version__)
