"""Fixtures for the optimiser and schedule tests of selfclassifier-api (io.github.selfclassifier.api.optim).

Independent of the Java code: a numpy transcription of the reference implementation's own code paths,
  - utils.cosine_scheduler_with_warmup of elad-amrani/self-classifier (taken from DINO), verbatim;
  - apex.parallel.LARC.step (clip=False) followed by torch.optim.SGD.step (momentum, dampening 0,
    weight_decay absorbed by LARC, first step: buf = clone(d_p));
  - the DINO / Barlow Twins LARS.step;
  - torch.optim.AdamW.step (single tensor, non-amsgrad, non-fused).
Run:  python3 make_optim_fixtures.py   (numpy only; writes warmup_cosine_schedule.csv and optimizer_steps.txt)
All numbers are printed with repr(), so they round-trip exactly to Java doubles.
"""
import numpy as np


def cosine_scheduler_with_warmup(base_value, final_value, epochs, niter_per_ep, warmup_epochs=0,
                                 start_warmup_value=0):
    warmup_schedule = np.array([])
    warmup_iters = warmup_epochs * niter_per_ep
    if warmup_epochs > 0:
        warmup_schedule = np.linspace(start_warmup_value, base_value, warmup_iters)
    iters = np.arange(epochs * niter_per_ep - warmup_iters)
    final_value = base_value if final_value is None else final_value
    schedule = final_value + 0.5 * (base_value - final_value) * (1 + np.cos(np.pi * iters / len(iters)))
    schedule = np.concatenate((warmup_schedule, schedule))
    assert len(schedule) == epochs * niter_per_ep
    return schedule


def write_schedules(path):
    # (name, start, base, final, epochs, warmup_epochs, steps_per_epoch)
    cases = [
        ("small", 0.1, 1.0, 0.01, 10, 4, 1),
        ("paper_shape", 0.3, 4.8, 0.0048, 8, 2, 5),
        ("one_warmup_step", 0.3, 4.8, 0.0048, 6, 1, 1),
        ("no_warmup", 0.3, 4.8, 0.0048, 7, 0, 1),
        ("all_warmup", 0.3, 4.8, 0.0048, 3, 3, 2),
        ("constant_after_warmup", 0.05, 0.5, 0.5, 4, 1, 3),
    ]
    with open(path, "w") as f:
        f.write("# written by make_optim_fixtures.py\n")
        f.write("case,start,base,final,warmup_steps,total_steps,step,value\n")
        for name, start, base, final, epochs, warm, per in cases:
            s = cosine_scheduler_with_warmup(base, final, epochs, per, warm, start)
            for step, v in enumerate(s):
                f.write(f"{name},{start!r},{base!r},{final!r},{warm * per},{epochs * per},{step},{float(v)!r}\n")


def larc_sgd_step(p, g, buf, lr, wd, eta, momentum, eps=1e-8, adapt=True):
    """apex LARC(clip=False).step() then torch SGD(momentum, weight_decay=0 while LARC runs).step()."""
    g = g.copy()
    if adapt:
        param_norm = np.linalg.norm(p)
        grad_norm = np.linalg.norm(g)
        if param_norm != 0 and grad_norm != 0:
            adaptive_lr = eta * param_norm / (grad_norm + param_norm * wd + eps)
            g += wd * p
            g *= adaptive_lr
    else:
        # a parameter the trust ratio does not apply to: plain SGD with its weight decay
        g = g + wd * p
    buf = g.copy() if buf is None else momentum * buf + g
    return p - lr * buf, buf


def dino_lars_step(p, g, mu, lr, wd, eta, momentum, adapt=True):
    """DINO utils.LARS.step(): 1-D tensors are neither decayed nor adapted there; adapt/wd are given here."""
    dp = g + wd * p
    if adapt:
        param_norm = np.linalg.norm(p)
        update_norm = np.linalg.norm(dp)
        q = eta * param_norm / update_norm if (param_norm > 0 and update_norm > 0) else 1.0
        dp = dp * q
    mu = dp.copy() if mu is None else momentum * mu + dp
    return p - lr * mu, mu


def sgd_step(p, g, buf, lr, wd, momentum):
    d_p = g + wd * p
    buf = d_p.copy() if buf is None else momentum * buf + d_p
    return p - lr * buf, buf


def adamw_step(p, g, state, lr, wd, beta1, beta2, eps):
    exp_avg, exp_avg_sq, step = state
    step += 1
    p = p * (1 - lr * wd)
    exp_avg = exp_avg * beta1 + (1 - beta1) * g
    exp_avg_sq = exp_avg_sq * beta2 + (1 - beta2) * g * g
    bias_correction1 = 1 - beta1 ** step
    bias_correction2 = 1 - beta2 ** step
    step_size = lr / bias_correction1
    denom = np.sqrt(exp_avg_sq) / np.sqrt(bias_correction2) + eps
    p = p - step_size * exp_avg / denom
    return p, (exp_avg, exp_avg_sq, step)


def fmt(values):
    return " ".join(repr(float(v)) for v in values)


def write_optimizer_steps(path):
    rng = np.random.default_rng(20220601)
    lrs = [0.5, 0.45, 0.3, 0.2, 0.1]
    # name, kind, trust form, eta, wd, momentum, exclude wd, exclude trust, bias-or-norm, n, zero init
    cases = [
        ("lars_apex_weight", "LARS", "APEX_LARC", 0.02, 0.01, 0.9, False, False, False, 12, False),
        ("lars_apex_paper_eta", "LARS", "APEX_LARC", 0.001, 1e-6, 0.9, False, False, False, 12, False),
        ("lars_apex_bias_adapted", "LARS", "APEX_LARC", 0.02, 0.01, 0.9, False, False, True, 5, False),
        ("lars_apex_zero_bias", "LARS", "APEX_LARC", 0.02, 0.01, 0.9, False, False, True, 5, True),
        ("lars_apex_bias_excluded", "LARS", "APEX_LARC", 0.02, 0.01, 0.9, True, True, True, 5, False),
        ("lars_apex_bias_no_trust_but_decay", "LARS", "APEX_LARC", 0.02, 0.01, 0.9, False, True, True, 5, False),
        ("lars_dino_weight", "LARS", "DECAYED_GRADIENT_NORM", 0.02, 0.01, 0.9, False, False, False, 12, False),
        ("lars_dino_bias_excluded", "LARS", "DECAYED_GRADIENT_NORM", 0.02, 0.01, 0.9, True, True, True, 5, False),
        ("sgd_weight", "SGD", "APEX_LARC", 0.001, 0.01, 0.9, False, False, False, 12, False),
        ("sgd_bias_excluded", "SGD", "APEX_LARC", 0.001, 0.01, 0.9, True, False, True, 5, False),
        ("adamw_weight", "ADAMW", "APEX_LARC", 0.001, 0.05, 0.9, False, False, False, 12, False),
        ("adamw_bias_excluded", "ADAMW", "APEX_LARC", 0.001, 0.05, 0.9, True, False, True, 5, False),
    ]
    beta1, beta2, adam_eps = 0.9, 0.999, 1e-8
    with open(path, "w") as f:
        f.write("# written by make_optim_fixtures.py; blocks of: case, lr, param0, grad (x5), param5, end\n")
        for (name, kind, form, eta, wd, m, excl_wd, excl_trust, bias, n, zero) in cases:
            p = np.zeros(n) if zero else rng.standard_normal(n)
            grads = [rng.standard_normal(n) * 0.1 for _ in lrs]
            eff_wd = 0.0 if (bias and excl_wd) else wd
            adapt = not (bias and excl_trust)
            f.write(f"case {name} kind={kind} trustRatio={form} eta={eta!r} wd={wd!r} momentum={m!r} "
                    f"excludeWd={str(excl_wd).lower()} excludeTrust={str(excl_trust).lower()} "
                    f"biasOrNorm={str(bias).lower()}\n")
            f.write("lr " + fmt(lrs) + "\n")
            f.write("param0 " + fmt(p) + "\n")
            state = None if kind != "ADAMW" else (np.zeros(n), np.zeros(n), 0)
            for lr, g in zip(lrs, grads):
                f.write("grad " + fmt(g) + "\n")
                if kind == "LARS" and form == "APEX_LARC":
                    p, state = larc_sgd_step(p, g, state, lr, eff_wd, eta, m, adapt=adapt)
                elif kind == "LARS":
                    p, state = dino_lars_step(p, g, state, lr, eff_wd, eta, m, adapt=adapt)
                elif kind == "SGD":
                    p, state = sgd_step(p, g, state, lr, eff_wd, m)
                else:
                    p, state = adamw_step(p, g, state, lr, eff_wd, beta1, beta2, adam_eps)
            f.write("param5 " + fmt(p) + "\n")
            f.write("end\n")


if __name__ == "__main__":
    write_schedules("warmup_cosine_schedule.csv")
    write_optimizer_steps("optimizer_steps.txt")
