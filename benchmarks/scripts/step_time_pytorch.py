#!/usr/bin/python3
"""Times the Self-Classifier training step in Python PyTorch, mirroring StepTimeMain.

Same model as the Java SelfClassifierModels (CIFAR ResNet-18: 3x3 stem, no max-pool; or SmallConvNetBackbone:
four conv3x3-BN-ReLU stages of w, 2w, 4w, 8w channels with 2x2 max-pool after the first three, global average
pool), the same MLP head (Linear-BN-LeakyReLU, Linear), L2 normalisation (eps 1e-7), weight-normalised
bias-free classifiers, the same loss (DESIGN.md section 1), the same optimiser (momentum SGD 0.9 wrapped in
apex-LARC-style LARS, trust 0.001, wd 1e-6; or plain momentum SGD), the same batch of 2 random views, the same
thread count, warm-up then timed steps. Prints a RESULT line like the Java main.

Usage: /usr/bin/python3 step_time_pytorch.py model=cnn|resnet batch=N warmup=N steps=N threads=N
       optimizer=lars|sgd phase=step|forward width=N (small CNN only, default 32)
"""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def conv3(cin, cout, stride=1):
    return nn.Conv2d(cin, cout, 3, stride, 1, bias=False)


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = conv3(cin, cout, stride)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = conv3(cout, cout)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, 0, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        idt = x if self.downsample is None else self.downsample(x)
        return F.relu(out + idt)


class CifarResNet18(nn.Module):
    def __init__(self, width=64, cin=3):
        super().__init__()
        self.conv1 = conv3(cin, width)
        self.bn1 = nn.BatchNorm2d(width)
        layers, c = [], width
        for i, n in enumerate([2, 2, 2, 2]):
            out = width << i
            blocks = []
            for j in range(n):
                blocks.append(BasicBlock(c, out, 2 if (j == 0 and i > 0) else 1))
                c = out
            layers.append(nn.Sequential(*blocks))
        self.layers = nn.Sequential(*layers)
        self.dim = c

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))  # no max-pool
        x = self.layers(x)
        return x.mean(dim=(2, 3))


class SmallCnn(nn.Module):
    def __init__(self, width=32, cin=1):
        super().__init__()
        self.convs = nn.ModuleList()
        self.bns = nn.ModuleList()
        c = cin
        for i in range(4):
            self.convs.append(conv3(c, width << i))
            self.bns.append(nn.BatchNorm2d(width << i))
            c = width << i
        self.dim = c

    def forward(self, x):
        for i in range(4):
            x = F.relu(self.bns[i](self.convs[i](x)))
            if i < 3:
                x = F.max_pool2d(x, 2, 2, 0)
        return x.mean(dim=(2, 3))


class SelfClassifier(nn.Module):
    def __init__(self, backbone, hidden, layers, d, heads, eps=1e-7):
        super().__init__()
        self.backbone = backbone
        mods, c = [], backbone.dim
        for _ in range(layers - 1):
            mods += [nn.Linear(c, hidden), nn.BatchNorm1d(hidden), nn.LeakyReLU(0.01)]
            c = hidden
        mods.append(nn.Linear(c, d))
        self.mlp = nn.Sequential(*mods)
        for m in self.mlp:
            if isinstance(m, nn.Linear):
                nn.init.trunc_normal_(m.weight, std=0.02)
                nn.init.zeros_(m.bias)
        self.eps = eps
        self.cls = nn.ModuleList(
            [nn.utils.weight_norm(nn.Linear(d, ch, bias=False)) for ch in heads])

    def forward(self, x):
        z = F.normalize(self.mlp(self.backbone(x)), dim=1, eps=self.eps)
        return [c(z) for c in self.cls]


def self_classifier_loss(logits_by_head, views, tau_row=0.1, tau_col=0.05, eps=1e-12):
    terms = []
    for logits in logits_by_head:
        per_view = logits.chunk(views, 0)
        b, c = per_view[0].shape
        const = b / c
        targets = [F.normalize(F.softmax(s / tau_col, dim=0), p=1, dim=1, eps=eps) for s in per_view]
        preds = [torch.log(const * F.normalize(F.softmax(s / tau_row, dim=1), p=1, dim=0, eps=eps) + eps)
                 for s in per_view]
        for i in range(views):
            for j in range(views):
                if i != j and not (i >= 2 and j >= 2):
                    terms.append(-(targets[i] * preds[j]).sum(dim=1).mean())
    return torch.stack(terms).mean()


class Lars(torch.optim.Optimizer):
    """Momentum SGD; with lars=True the gradient is first scaled as apex LARC (clip off) does."""

    def __init__(self, params, lr, momentum=0.9, weight_decay=1e-6, trust=0.001, eps=1e-8, lars=True):
        super().__init__(params, dict(lr=lr, momentum=momentum, weight_decay=weight_decay, trust=trust,
                                      eps=eps, lars=lars))

    @torch.no_grad()
    def step(self):
        for g in self.param_groups:
            wd = g["weight_decay"]
            for p in g["params"]:
                if p.grad is None:
                    continue
                d = p.grad.add(p, alpha=wd)
                if g["lars"]:
                    pn = torch.norm(p)
                    gn = torch.norm(p.grad)
                    trust = g["trust"] * pn / (gn + pn * wd + g["eps"])
                    trust = torch.where((pn > 0) & (gn > 0), trust, torch.ones_like(trust))
                    d = torch.where((pn > 0) & (gn > 0), d * trust, p.grad)
                st = self.state[p]
                if "buf" not in st:
                    st["buf"] = torch.zeros_like(p)
                buf = st["buf"]
                buf.mul_(g["momentum"]).add_(d)
                p.sub_(buf * g["lr"])


def med(v):
    s = sorted(v)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def main():
    a = dict(x.split("=", 1) for x in sys.argv[1:])
    model_name = a.get("model", "cnn")
    batch = int(a.get("batch", "256" if model_name == "cnn" else "128"))
    warmup, steps = int(a.get("warmup", 10)), int(a.get("steps", 30))
    threads = int(a.get("threads", torch.get_num_threads()))
    opt_name, phase = a.get("optimizer", "lars"), a.get("phase", "step")
    torch.set_num_threads(threads)
    torch.manual_seed(7)
    if model_name == "cnn":
        net = SelfClassifier(SmallCnn(int(a.get("width", 32)), 1), 512, 2, 128, [10, 20, 40, 80])
        ch, size = 1, 28
    else:
        net = SelfClassifier(CifarResNet18(64, 3), 4096, 2, 128, [1000, 2000, 4000, 8000])
        ch, size = 3, 32
    net.train()
    opt = Lars(net.parameters(), lr=0.1, lars=(opt_name == "lars"))
    x = torch.randn(2 * batch, ch, size, size)
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, interop {torch.get_num_interop_threads()},"
          f" model {model_name}, batch {batch}, views 2 of {ch}x{size}x{size}, optimizer {opt_name}, phase {phase}",
          flush=True)
    times, fw, bw, up = [], [], [], []
    loss_value = float("nan")
    for s in range(warmup + steps):
        t0 = time.perf_counter()
        loss = self_classifier_loss(net(x), 2)
        loss_value = loss.item()
        t1 = t2 = t3 = time.perf_counter()
        if phase != "forward":
            loss.backward()
            t2 = time.perf_counter()
            opt.step()
            opt.zero_grad(set_to_none=False)
            t3 = time.perf_counter()
        if s >= warmup:
            times.append((t3 - t0) * 1e3)
            fw.append((t1 - t0) * 1e3)
            bw.append((t2 - t1) * 1e3)
            up.append((t3 - t2) * 1e3)
    st = sorted(times)
    n = len(st)
    median = st[n // 2] if n % 2 else (st[n // 2 - 1] + st[n // 2]) / 2
    print(f"last loss {loss_value:.5f}")
    print(f"RESULT impl=python engine=torch-{torch.__version__} model={model_name} batch={batch} phase={phase}"
          f" optimizer={opt_name} threads={threads} median_ms={median:.2f} mean_ms={sum(times) / n:.2f}"
          f" steps={steps} warmup={warmup} forward_ms={med(fw):.2f} backward_ms={med(bw):.2f} update_ms={med(up):.2f}")


if __name__ == "__main__":
    main()
