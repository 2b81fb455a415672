#!/usr/bin/python3
"""Fixtures for ReferenceSelfClassifierLoss: the Self-Classifier loss and its autograd gradient in float64.

This is the independent check of the loss specification (DESIGN.md section 1). It implements the loss with
PyTorch's own softmax, F.normalize(p=1) and autograd, written from the specification, not from the Java code:

    for each head h:
      const = B / C_h
      T_i = F.normalize(softmax(S[h][i] / tau_col, dim=0), p=1, dim=1, eps)   # targets, every view i
      P_j = F.normalize(softmax(S[h][j] / tau_row, dim=1), p=1, dim=0, eps)   # predictions, every view j
      L_j = log(const * P_j + eps)
      term(i, j) = -mean_b sum_c T_i[b, c] * L_j[b, c]   for i != j, skipping i >= 2 and j >= 2
    loss = mean of all terms over all heads and pairs

Run with Debian's interpreter (python3-torch): /usr/bin/python3 make_loss_fixtures.py
It rewrites loss_fixtures.json next to this script. Logits are stored in the fixture, so the Java test does
not need to reproduce PyTorch's random numbers.
"""
import json
import os

import torch
import torch.nn.functional as F


def self_classifier_loss(logits, tau_row, tau_col, eps):
    """logits: list over heads of lists over views of B x C_h float64 tensors."""
    total = 0.0
    terms = 0
    for head in logits:
        batch, classes = head[0].shape
        const = batch / classes
        targets = [F.normalize(F.softmax(s / tau_col, dim=0), p=1, dim=1, eps=eps) for s in head]
        log_predictions = [
            torch.log(const * F.normalize(F.softmax(s / tau_row, dim=1), p=1, dim=0, eps=eps) + eps)
            for s in head
        ]
        for i, target in enumerate(targets):
            for j, log_prediction in enumerate(log_predictions):
                if i == j or (i >= 2 and j >= 2):
                    continue
                total = total - torch.mean(torch.sum(target * log_prediction, dim=1))
                terms += 1
    return total / terms


CASES = [
    # name, seed, batch, classes per head, views, logit scale, (tau_row, tau_col, eps) or None for defaults
    ("one_head_two_views_b_gt_c", 1, 4, [3], 2, 1.0, None),
    ("two_heads_four_views_b_lt_c", 2, 3, [5, 8], 4, 2.0, None),
    ("three_heads_six_views", 3, 6, [4, 10, 3], 6, 3.0, None),
    ("single_sample", 4, 1, [3], 2, 1.0, None),
    ("custom_temperatures_and_eps", 5, 5, [7], 3, 1.0, (0.3, 0.2, 1e-6)),
    ("norms_below_eps", 6, 7, [5, 9], 3, 5.0, None),
    ("logits_scale_50", 8, 6, [5, 3], 4, 50.0, None),
    ("logits_up_to_1e4", 7, 5, [4, 6], 3, 1e4, None),
]


def make_case(name, seed, batch, classes, views, scale, config):
    tau_row, tau_col, eps = config if config else (0.1, 0.05, 1e-12)
    generator = torch.Generator().manual_seed(seed)
    logits = []
    for c in classes:
        head = []
        for _ in range(views):
            if scale >= 1e3:  # uniform in [-scale, scale]: the extreme-magnitude case
                s = (2 * torch.rand(batch, c, generator=generator, dtype=torch.float64) - 1) * scale
            else:
                s = torch.randn(batch, c, generator=generator, dtype=torch.float64) * scale
            head.append(s.requires_grad_(True))
        logits.append(head)
    loss = self_classifier_loss(logits, tau_row, tau_col, eps)
    loss.backward()
    return {
        "name": name,
        "seed": seed,
        "rowTemperature": tau_row,
        "columnTemperature": tau_col,
        "eps": eps,
        "logits": [[s.detach().tolist() for s in head] for head in logits],
        "loss": loss.item(),
        "gradient": [[s.grad.tolist() for s in head] for head in logits],
    }


def main():
    torch.set_default_dtype(torch.float64)
    fixture = {
        "generator": "make_loss_fixtures.py",
        "torch": torch.__version__,
        "dtype": "float64",
        "cases": [make_case(*case) for case in CASES],
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "loss_fixtures.json")
    with open(path, "w") as out:
        json.dump(fixture, out, indent=1)
        out.write("\n")
    for case in fixture["cases"]:
        print(case["name"], case["loss"])


if __name__ == "__main__":
    main()
