#!/usr/bin/env python3
"""Makes the model-test fixtures from independent references (PyTorch 1.13 and torchvision 0.14 here).

Run from this directory with the system Python that has torch and torchvision
(Debian: apt-get install python3-torch python3-torchvision):

    /usr/bin/python3 make_model_fixtures.py

Writes
  torchvision_resnet_keys.txt  "<net> <state_dict key> <comma-separated shape>" for torchvision's
                               resnet18/34/50 without fc.* and num_batches_tracked: the layout our
                               ResNetBackbone must reproduce name by name and shape by shape.
  tiny_backbone.pt             a TorchScript module (conv3x3 3->4 no bias, BatchNorm, ReLU, spatial mean,
                               Linear 4->6): images (N, 3, H, W) -> features (N, 6).
  tiny_backbone_expected.txt   its eval-mode output for the input x[n, c, h, w] = (n + 1) * 0.1 * (c - 1)
                               + 0.01 * (h * 8 + w), shape (2, 3, 8, 8), one row per line.
  residual_blocks.txt          torchvision's own BasicBlock(4, 8, stride 2) and Bottleneck(8, 4, stride 2),
                               each with a conv1x1+BatchNorm downsample, random weights and BatchNorm
                               statistics, in eval mode on a random (2, C, 7, 7) input: lines
                               "<block> param|input|output <name> <shape> <values...>". Checks our blocks'
                               wiring (where the stride sits, padding, shortcut) number by number.
"""
import torch
import torch.nn as nn
import torchvision
from torchvision.models.resnet import BasicBlock, Bottleneck, conv1x1

with open("torchvision_resnet_keys.txt", "w") as f:
    for name in ["resnet18", "resnet34", "resnet50"]:
        net = getattr(torchvision.models, name)()
        for key, value in net.state_dict().items():
            if key.startswith("fc.") or key.endswith("num_batches_tracked"):
                continue
            f.write(f"{name} {key} {','.join(str(s) for s in value.shape)}\n")


class TinyBackbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1, bias=False), nn.BatchNorm2d(4), nn.ReLU())
        self.proj = nn.Linear(4, 6)

    def forward(self, x):
        return self.proj(self.features(x).mean(dim=(2, 3)))


torch.manual_seed(0)
tiny = TinyBackbone()
with torch.no_grad():  # non-trivial running statistics, so eval mode differs from training mode
    tiny.features[1].running_mean.copy_(torch.tensor([0.1, -0.2, 0.3, 0.0]))
    tiny.features[1].running_var.copy_(torch.tensor([0.5, 2.0, 1.0, 1.5]))
tiny.eval()
scripted = torch.jit.script(tiny)
scripted.save("tiny_backbone.pt")

n, c, h, w = torch.meshgrid(torch.arange(2), torch.arange(3), torch.arange(8), torch.arange(8), indexing="ij")
x = ((n + 1) * 0.1 * (c - 1) + 0.01 * (h * 8 + w)).float()
with torch.no_grad():
    y = scripted(x)
with open("tiny_backbone_expected.txt", "w") as f:
    for row in y.tolist():
        f.write(" ".join(repr(v) for v in row) + "\n")


def downsample(inplanes, outplanes, stride):
    return nn.Sequential(conv1x1(inplanes, outplanes, stride), nn.BatchNorm2d(outplanes))


def fmt(t):
    shape = ",".join(str(s) for s in t.shape)
    return shape + " " + " ".join("%.9g" % v for v in t.flatten().tolist())


torch.manual_seed(1)
blocks = {
    "basic": (BasicBlock(4, 8, stride=2, downsample=downsample(4, 8, 2)), 4),
    "bottleneck": (Bottleneck(8, 4, stride=2, downsample=downsample(8, 16, 2)), 8),
}
with open("residual_blocks.txt", "w") as f:
    for name, (block, channels) in blocks.items():
        with torch.no_grad():
            for m in block.modules():
                if isinstance(m, nn.BatchNorm2d):
                    m.weight.uniform_(0.5, 1.5)
                    m.bias.uniform_(-0.5, 0.5)
                    m.running_mean.uniform_(-0.3, 0.3)
                    m.running_var.uniform_(0.5, 2.0)
        block.eval()
        for key, value in block.state_dict().items():
            if not key.endswith("num_batches_tracked"):
                f.write(f"{name} param {key} {fmt(value)}\n")
        x = torch.randn(2, channels, 7, 7)
        with torch.no_grad():
            y = block(x)
        f.write(f"{name} input x {fmt(x)}\n")
        f.write(f"{name} output y {fmt(y)}\n")
