#!/usr/bin/env python3
"""Writes reference_fixture.txt: outputs of Pillow and torchvision for the augmentation unit tests.

Run with Debian's python3-torchvision (torchvision 0.14, Pillow 9.4):
    /usr/bin/python3 make_reference_fixture.py > reference_fixture.txt

Each record is one line: name, channels, height, width, then the CHW float values.
- resize_*: Pillow 'F' (float32) images, crop then resize (what torchvision's resized_crop does on PIL
  images), bicubic (Pillow's a = -0.5) and bilinear, upscaling and downscaling. Inputs lie in [0.3, 0.7]
  so the bicubic overshoot never reaches the [0, 1] clamp.
- hue_*, saturation_*, contrast_*, brightness_*: torchvision.transforms.functional on float tensors.
- blur_*: torchvision.transforms.functional.gaussian_blur, kernel size 2 * ceil(3 sigma) + 1, reflect pad.
"""
import math

import numpy as np
import torch
import torchvision.transforms.functional as F
from PIL import Image

rng = np.random.default_rng(20240611)


def emit(name, chw):
    chw = np.asarray(chw, dtype=np.float32)
    c, h, w = chw.shape
    values = " ".join(repr(float(v)) for v in chw.reshape(-1))
    print(f"{name} {c} {h} {w} {values}")


# resampling: one channel, 9 rows x 11 columns, crop box rows 1..7 (6 rows), columns 2..9 (7 columns)
gray = rng.uniform(0.3, 0.7, size=(9, 11)).astype(np.float32)
emit("resize_input", gray[None])
pil = Image.fromarray(gray, mode="F")
cropped = pil.crop((2, 1, 9, 7))  # left, upper, right, lower
for name, method in (("bicubic", Image.BICUBIC), ("bilinear", Image.BILINEAR)):
    for out_w, out_h in ((13, 10), (4, 3)):
        out = np.asarray(cropped.resize((out_w, out_h), method), dtype=np.float32)
        emit(f"resize_{name}_{out_h}x{out_w}", out[None])

# colour: three channels, 5 rows x 7 columns, with a few gray pixels
rgb = rng.uniform(0.0, 1.0, size=(3, 5, 7)).astype(np.float32)
rgb[:, 0, 0] = 0.5
rgb[:, 4, 6] = 1.0
emit("color_input", rgb)
t = torch.from_numpy(rgb)
for shift in (0.23, -0.4, 0.5):
    emit(f"hue_{shift}", F.adjust_hue(t, shift).numpy())
for factor in (0.0, 0.6, 1.7):
    emit(f"saturation_{factor}", F.adjust_saturation(t, factor).numpy())
    emit(f"contrast_{factor}", F.adjust_contrast(t, factor).numpy())
for factor in (0.5, 1.3):
    emit(f"brightness_{factor}", F.adjust_brightness(t, factor).numpy())

# blur: three channels, 9 rows x 11 columns
noise = rng.uniform(0.0, 1.0, size=(3, 9, 11)).astype(np.float32)
emit("blur_input", noise)
for sigma in (0.4, 1.1):
    k = 2 * math.ceil(3 * sigma) + 1
    emit(f"blur_{sigma}", F.gaussian_blur(torch.from_numpy(noise), [k, k], [sigma, sigma]).numpy())
