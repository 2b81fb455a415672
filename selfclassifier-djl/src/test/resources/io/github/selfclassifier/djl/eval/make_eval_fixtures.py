#!/usr/bin/python3
"""Reference values for the frozen-feature evaluation tests (io.github.selfclassifier.djl.eval).

Run with Debian's /usr/bin/python3 (numpy 1.24, torch 1.13, scikit-learn 1.2.1) from this folder:

    /usr/bin/python3 make_eval_fixtures.py

Writes three text files; each line is one record: `name rows cols v_0 ... v_{rows*cols-1}` (row-major).
All inputs are float32 values (printed exactly with repr of the float32 rounded value), so Java reads the
same numbers that the references used.

knn_fixture.txt     weighted k-NN (k = 7, T = 0.07) on 8 Gaussian classes in 16 dimensions: neighbours,
                    class scores, predictions, top-1/top-5, also in leave-one-out mode on the train set.
                    Reference: numpy float64 with explicit tie rules, cross-checked against DINO's torch
                    knn_classifier (eval_knn.py), whose accuracies must agree.
logreg_fixture.txt  scikit-learn LogisticRegression(multinomial, lbfgs) probabilities on overlapping classes,
                    raw features (C = 0.5) and StandardScaler features (C = 2.0). scikit-learn's lbfgs stops
                    on scipy's default ftol (2.2e-9 relative decrease) whatever `tol` says, about 1e-5 short
                    of the optimum in the gradient, so the same objective is also minimised from its
                    solution by scipy's L-BFGS-B with ftol 1e-16, gtol 1e-12: the `*_optimum_*` records.
kmeans_fixture.txt  scikit-learn KMeans(lloyd, n_init = 10, tol = 0) on well-separated blobs: labels, inertia.
"""
import numpy as np
import torch
from scipy.optimize import minimize
from scipy.special import logsumexp
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


def fmt(v):
    return repr(float(v))


def record(f, name, a):
    a = np.asarray(a)
    if a.ndim == 0:
        a = a.reshape(1, 1)
    elif a.ndim == 1:
        a = a.reshape(-1, 1)
    f.write(name + " " + str(a.shape[0]) + " " + str(a.shape[1]) + " " + " ".join(fmt(v) for v in a.ravel()) + "\n")


def knn_reference(train, train_labels, test, k, temperature, classes, leave_one_out):
    tr = train / np.linalg.norm(train, axis=1, keepdims=True)
    te = test / np.linalg.norm(test, axis=1, keepdims=True)
    sims = te @ tr.T
    if leave_one_out:
        np.fill_diagonal(sims, -np.inf)
    n = tr.shape[0]
    idx = np.empty((te.shape[0], k), dtype=np.int64)
    for i in range(te.shape[0]):
        order = np.lexsort((np.arange(n), -sims[i]))  # similarity descending, then index ascending
        idx[i] = order[:k]
    top_sims = np.take_along_axis(sims, idx, axis=1)
    weights = np.exp(top_sims / temperature)
    scores = np.zeros((te.shape[0], classes))
    for i in range(te.shape[0]):
        for j in range(k):
            scores[i, train_labels[idx[i, j]]] += weights[i, j]
    return idx, top_sims, scores


def ranks(scores, labels):
    out = []
    for i, c in enumerate(labels):
        s = scores[i]
        out.append(int(np.sum((s > s[c]) | ((s == s[c]) & (np.arange(len(s)) < c)))))
    return np.array(out)


def dino_knn(train, train_labels, test, test_labels, k, temperature, classes, leave_one_out):
    """DINO's knn_classifier (facebookresearch/dino eval_knn.py), one chunk."""
    train = torch.nn.functional.normalize(torch.from_numpy(train).double(), dim=1)
    test = torch.nn.functional.normalize(torch.from_numpy(test).double(), dim=1)
    similarity = torch.mm(test, train.t())
    if leave_one_out:
        similarity.fill_diagonal_(-float("inf"))
    distances, indices = similarity.topk(k, largest=True, sorted=True)
    candidates = torch.from_numpy(train_labels).view(1, -1).expand(test.shape[0], -1)
    retrieved = torch.gather(candidates, 1, indices)
    one_hot = torch.zeros(test.shape[0] * k, classes, dtype=torch.float64)
    one_hot.scatter_(1, retrieved.view(-1, 1), 1)
    transform = distances.clone().div_(temperature).exp_()
    probs = torch.sum(torch.mul(one_hot.view(test.shape[0], -1, classes), transform.view(test.shape[0], -1, 1)), 1)
    _, predictions = probs.sort(1, True)
    correct = predictions.eq(torch.from_numpy(test_labels).view(-1, 1))
    return correct.narrow(1, 0, 1).sum().item() / len(test_labels), correct.narrow(1, 0, 5).sum().item() / len(test_labels)


def make_knn(f):
    rng = np.random.default_rng(20240501)
    classes, dim = 8, 16
    centres = rng.normal(size=(classes, dim)) * 0.6
    def sample(n):
        y = rng.integers(0, classes, size=n)
        x = (centres[y] + rng.normal(size=(n, dim))).astype(np.float32)
        return x, y
    train, train_labels = sample(300)
    test, test_labels = sample(60)
    k, t = 7, 0.07
    record(f, "train", train)
    record(f, "train_labels", train_labels)
    record(f, "test", test)
    record(f, "test_labels", test_labels)
    for mode, (q, ql, loo) in {"test": (test, test_labels, False), "loo": (train, train_labels, True)}.items():
        idx, sims, scores = knn_reference(train.astype(np.float64), train_labels, q.astype(np.float64), k, t, classes, loo)
        pred = np.argmax(scores, axis=1)  # first maximum: lowest class index on ties
        r = ranks(scores, ql)
        top1, top5 = np.mean(r < 1), np.mean(r < 5)
        d1, d5 = dino_knn(train, train_labels, q, ql, k, t, classes, loo)
        assert abs(d1 - top1) < 1e-12 and abs(d5 - top5) < 1e-12, (mode, d1, top1, d5, top5)
        record(f, mode + "_neighbours", idx)
        record(f, mode + "_similarities", sims)
        record(f, mode + "_scores", scores)
        record(f, mode + "_predictions", pred)
        record(f, mode + "_top1_top5", np.array([[top1, top5]]))
        print("knn", mode, "top1", top1, "top5", top5)


def refine(model, x, y, c):
    """Minimises scikit-learn's multinomial objective (divided by C n) tightly, from its solution."""
    n, d = x.shape
    k = model.coef_.shape[0]
    lam = 1.0 / (c * n)

    def objective(t):
        w, b = t[:k * d].reshape(k, d), t[k * d:]
        z = x @ w.T + b
        lse = logsumexp(z, axis=1)
        p = np.exp(z - lse[:, None])
        loss = np.mean(lse - z[np.arange(n), y]) + 0.5 * lam * np.sum(w * w)
        p[np.arange(n), y] -= 1
        return loss, np.concatenate([(p.T @ x / n + lam * w).ravel(), p.mean(0)])

    start = np.concatenate([model.coef_.ravel(), model.intercept_])
    r = minimize(objective, start, jac=True, method="L-BFGS-B",
                 options=dict(ftol=1e-16, gtol=1e-12, maxiter=100000, maxcor=10))
    assert r.fun <= objective(start)[0] and np.abs(r.jac).max() < 1e-8, (r.fun, np.abs(r.jac).max())
    w, b = r.x[:k * d].reshape(k, d), r.x[k * d:]

    def proba(q):
        z = q @ w.T + b
        return np.exp(z - logsumexp(z, axis=1)[:, None])
    print("logreg objective: scikit-learn", objective(start)[0], "refined", r.fun,
          "max |gradient| scikit-learn", np.abs(objective(start)[1]).max(), "refined", np.abs(r.jac).max())
    return proba


def make_logreg(f):
    rng = np.random.default_rng(7)
    classes, dim = 3, 5
    centres = rng.normal(size=(classes, dim))
    def sample(n):
        y = rng.integers(0, classes, size=n)
        x = (centres[y] * 1.5 + 3.0 + rng.normal(size=(n, dim)) * np.array([1, 2, 0.5, 1, 3])).astype(np.float32)
        return x, y
    train, train_labels = sample(120)
    test, test_labels = sample(40)
    record(f, "train", train)
    record(f, "train_labels", train_labels)
    record(f, "test", test)
    record(f, "test_labels", test_labels)
    x64, t64 = train.astype(np.float64), test.astype(np.float64)
    raw = LogisticRegression(multi_class="multinomial", solver="lbfgs", C=0.5, tol=1e-12, max_iter=100000).fit(x64, train_labels)
    record(f, "raw_C", np.array([[0.5]]))
    record(f, "raw_train_proba", raw.predict_proba(x64))
    record(f, "raw_test_proba", raw.predict_proba(t64))
    optimum = refine(raw, x64, train_labels, 0.5)
    record(f, "raw_optimum_train_proba", optimum(x64))
    record(f, "raw_optimum_test_proba", optimum(t64))
    scaler = StandardScaler().fit(x64)
    std = LogisticRegression(multi_class="multinomial", solver="lbfgs", C=2.0, tol=1e-12, max_iter=100000).fit(scaler.transform(x64), train_labels)
    record(f, "std_C", np.array([[2.0]]))
    record(f, "std_train_proba", std.predict_proba(scaler.transform(x64)))
    record(f, "std_test_proba", std.predict_proba(scaler.transform(t64)))
    optimum = refine(std, scaler.transform(x64), train_labels, 2.0)
    record(f, "std_optimum_train_proba", optimum(scaler.transform(x64)))
    record(f, "std_optimum_test_proba", optimum(scaler.transform(t64)))
    print("logreg raw train acc", raw.score(x64, train_labels), "std test acc", std.score(scaler.transform(t64), test_labels))


def make_kmeans(f):
    x, y = make_blobs(n_samples=300, centers=4, n_features=5, cluster_std=0.6, random_state=3)
    x = x.astype(np.float32).astype(np.float64)
    km = KMeans(n_clusters=4, n_init=10, random_state=0, algorithm="lloyd", tol=0.0, max_iter=300).fit(x)
    record(f, "data", x)
    record(f, "labels", km.labels_)
    record(f, "inertia", np.array([[km.inertia_]]))
    record(f, "centres", km.cluster_centers_)
    print("kmeans inertia", km.inertia_)


if __name__ == "__main__":
    with open("knn_fixture.txt", "w") as f:
        make_knn(f)
    with open("logreg_fixture.txt", "w") as f:
        make_logreg(f)
    with open("kmeans_fixture.txt", "w") as f:
        make_kmeans(f)
