#!/usr/bin/env python3
"""Views per second of torchvision's DINO multi-crop augmentation on one core.

The peer of selfclassifier-djl's MultiCropThroughputMain (same pipelines, same image sizes):
  imagenet    : a 256x256 RGB image -> 2 global views of 224 + N local views of 96 (DINO / Self-Classifier:
                RandomResizedCrop bicubic, flip 0.5, ColorJitter(0.4, 0.4, 0.2, 0.1) p 0.8, grayscale 0.2,
                Gaussian blur p 1.0 / 0.1 / 0.5 sigma 0.1..2, solarize p 0.2 on global 1, ImageNet
                normalisation)
  grayscale28 : a 28x28 grayscale image -> 2 global views of 28 + N local views of 16 (AugmentationConfig
                .grayscale28(): local scale 0.1..0.4, no saturation/hue/grayscale, blur sigma 0.1..1.0,
                Fashion-MNIST mean/std)

Two implementations are timed:
  pil    : what DINO's and Self-Classifier's code runs: torchvision transforms on PIL images, Pillow's
           GaussianBlur and ImageOps.solarize, then ToTensor + Normalize (8-bit until ToTensor)
  tensor : torchvision transforms on float tensors (antialiased bicubic resize, GaussianBlur with kernel
           2 * ceil(3 * sigma_max) + 1 as torchvision needs a fixed kernel size, RandomSolarize)

Rates are views per second of wall-clock time and per second of this process's CPU time; on a shared machine
the second is the one to compare (the Java main reports the same two).

Usage (Debian: apt-get install python3-torchvision):
    /usr/bin/python3 benchmarks/scripts/augment_throughput_torchvision.py [--seconds 20] [--locals 6]
"""
import argparse
import math
import random
import time

import numpy as np
import torch
import torchvision.transforms as T
from PIL import Image, ImageFilter, ImageOps

IMAGENET_MEAN, IMAGENET_STD = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)
FASHION_MEAN, FASHION_STD = (0.2860,), (0.3530,)


class PilGaussianBlur:
    """DINO's utils.GaussianBlur: Pillow blur with radius (= sigma) uniform in [lo, hi], with probability p."""

    def __init__(self, p, lo, hi):
        self.p, self.lo, self.hi = p, lo, hi

    def __call__(self, img):
        if random.random() >= self.p:
            return img
        return img.filter(ImageFilter.GaussianBlur(radius=random.uniform(self.lo, self.hi)))


class PilSolarization:
    """DINO's utils.Solarization: ImageOps.solarize (threshold 128) with probability p."""

    def __init__(self, p):
        self.p = p

    def __call__(self, img):
        return ImageOps.solarize(img) if random.random() < self.p else img


def pipeline(kind, preset, n_locals):
    if preset == "imagenet":
        g_size, l_size, g_scale, l_scale = 224, 96, (0.4, 1.0), (0.05, 0.4)
        jitter, gray_p, sigma, mean, std = (0.4, 0.4, 0.2, 0.1), 0.2, (0.1, 2.0), IMAGENET_MEAN, IMAGENET_STD
    else:
        g_size, l_size, g_scale, l_scale = 28, 16, (0.4, 1.0), (0.1, 0.4)
        jitter, gray_p, sigma, mean, std = (0.4, 0.4, 0.0, 0.0), 0.0, (0.1, 1.0), FASHION_MEAN, FASHION_STD
    bicubic = T.InterpolationMode.BICUBIC
    colour = [T.RandomHorizontalFlip(p=0.5), T.RandomApply([T.ColorJitter(*jitter)], p=0.8)]
    if gray_p > 0:
        colour.append(T.RandomGrayscale(p=gray_p))
    flip_and_color_jitter = T.Compose(colour)

    if kind == "pil":
        def blur(p):
            return PilGaussianBlur(p, *sigma)

        def solarize(p):
            return PilSolarization(p)

        normalize = T.Compose([T.ToTensor(), T.Normalize(mean, std)])
        crop_extra = {}
    else:
        kernel = 2 * math.ceil(3 * sigma[1]) + 1

        def blur(p):
            return T.RandomApply([T.GaussianBlur(kernel, sigma)], p=p)

        def solarize(p):
            return T.RandomSolarize(128 / 255, p=p)

        normalize = T.Normalize(mean, std)
        crop_extra = {"antialias": True}

    def crop(size, scale):
        return T.RandomResizedCrop(size, scale=scale, interpolation=bicubic, **crop_extra)

    global0 = T.Compose([crop(g_size, g_scale), flip_and_color_jitter, blur(1.0), normalize])
    global1 = T.Compose([crop(g_size, g_scale), flip_and_color_jitter, blur(0.1), solarize(0.2), normalize])
    local = T.Compose([crop(l_size, l_scale), flip_and_color_jitter, blur(0.5), normalize])

    def views(image):
        out = [global0(image), global1(image)]
        out.extend(local(image) for _ in range(n_locals))
        return out

    return views


def make_image(kind, preset, rng):
    if preset == "imagenet":
        y, x = np.mgrid[0:256, 0:256]
        base = np.stack([x, y, (x + y) // 2], axis=-1).astype(np.float64)
        pixels = np.clip(base + rng.normal(0, 30, size=base.shape), 0, 255).astype(np.uint8)
        mode = "RGB"
    else:
        y, x = np.mgrid[0:28, 0:28]
        pixels = np.clip(((x - 14) ** 2 + (y - 14) ** 2 < 100) * 200 + rng.normal(0, 20, (28, 28)), 0, 255)
        pixels = pixels.astype(np.uint8)
        mode = "L"
    if kind == "pil":
        return Image.fromarray(pixels, mode=mode)
    t = torch.from_numpy(pixels).float().div(255)
    return t.permute(2, 0, 1).contiguous() if t.ndim == 3 else t.unsqueeze(0)


def measure(kind, preset, n_locals, seconds):
    random.seed(0)
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    images = [make_image(kind, preset, rng) for _ in range(8)]
    views = pipeline(kind, preset, n_locals)
    per_image = 2 + n_locals
    warm_until = time.perf_counter() + min(2.0, seconds / 4)
    i = 0
    while time.perf_counter() < warm_until:
        views(images[i % len(images)])
        i += 1
    count = 0
    start = time.perf_counter()
    start_cpu = time.process_time()
    while True:
        views(images[count % len(images)])
        count += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            break
    cpu = time.process_time() - start_cpu
    return count * per_image / elapsed, count * per_image / cpu, count


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=20.0, help="timed seconds per case")
    parser.add_argument("--locals", type=int, default=6, help="local crops per image")
    parser.add_argument("--kinds", default="pil,tensor")
    parser.add_argument("--presets", default="imagenet,grayscale28")
    args = parser.parse_args()
    torch.set_num_threads(1)
    import PIL
    import torchvision
    print(f"torch {torch.__version__}, torchvision {torchvision.__version__}, Pillow {PIL.__version__}, "
          f"threads {torch.get_num_threads()}, {2 + args.locals} views per image")
    for preset in args.presets.split(","):
        for kind in args.kinds.split(","):
            wall, cpu, images = measure(kind, preset, args.locals, args.seconds)
            print(f"{preset:12s} {kind:7s} {wall:10.1f} views/s wall-clock {cpu:10.1f} views/s of process CPU time"
                  f"  ({images} images)")


if __name__ == "__main__":
    main()
