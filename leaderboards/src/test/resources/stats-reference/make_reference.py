#!/usr/bin/python3
"""Reference values for org.ipb.leaderboards.stats, computed independently with numpy/scipy.

Run once, from this directory, with the system interpreter (Debian; numpy 1.24, scipy 1.10.1):

    /usr/bin/python3 make_reference.py

It writes the small dataset (trials.csv, scores.csv; drawn with a fixed numpy seed) and the table
reference.csv (quantity,value with 17 significant digits). All three files are committed; the Java
test StatsReferenceTest reads them and does not run Python.

Quantities:
  accuracy.<d>, wilson_low.<d>, wilson_high.<d>   per-direction k/n, Wilson 95 % interval
                                                  (scipy.stats.binomtest(...).proportion_ci('wilson'))
  pearson, spearman, kendall_tau_b                score vs per-direction accuracy
                                                  (scipy.stats.pearsonr / spearmanr / kendalltau, variant b)
  spearman_brown.pearson, spearman_brown.0.6      2r/(1+r)
  lapse.a, lapse.b, lapse.lambda, lapse.loglik,   MLE of P = 0.5 + (0.5 - lambda) * logistic(a + b*score)
  lapse.se_a, lapse.se_b, lapse.se_lambda         on the trials (scipy.optimize, L-BFGS-B, several starts);
                                                  standard errors from a finite-difference Hessian
"""
import csv

import numpy as np
from scipy import optimize, stats
from scipy.special import expit

SEED = 20240601
PARTICIPANTS = 30
DIRECTIONS = 20
REPEATS = 6
TRUE_A, TRUE_B, TRUE_LAMBDA = -0.5, 2.0, 0.1


def make_dataset():
    rng = np.random.RandomState(SEED)
    directions = ["d%02d" % i for i in range(DIRECTIONS)]
    # One decimal so that scores tie; force one more tie explicitly.
    scores = np.round(rng.uniform(-1.5, 2.5, size=DIRECTIONS), 1)
    scores[7] = scores[3]
    rows = []
    for p in range(PARTICIPANTS):
        for d, s in zip(directions, scores):
            prob = 0.5 + (0.5 - TRUE_LAMBDA) * expit(TRUE_A + TRUE_B * s)
            for _ in range(REPEATS):
                rows.append(("p%02d" % p, d, int(rng.uniform() < prob)))
    with open("scores.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["direction", "score"])
        for d, s in zip(directions, scores):
            w.writerow([d, "%.1f" % s])
    with open("trials.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["participant", "direction", "correct"])
        w.writerows(rows)


def load():
    with open("scores.csv") as f:
        scores = {r["direction"]: float(r["score"]) for r in csv.DictReader(f)}
    with open("trials.csv") as f:
        trials = [(r["participant"], r["direction"], int(r["correct"])) for r in csv.DictReader(f)]
    return scores, trials


def negloglik(theta, x, y):
    a, b, lam = theta
    f = expit(a + b * x)
    p = 0.5 + (0.5 - lam) * f
    return -np.sum(y * np.log(p) + (1 - y) * np.log1p(-p))


def gradient(theta, x, y):
    a, b, lam = theta
    f = expit(a + b * x)
    c = 0.5 - lam
    p = 0.5 + c * f
    w = y / p - (1 - y) / (1 - p)
    fp = f * (1 - f)
    return -np.array([np.sum(w * c * fp), np.sum(w * c * fp * x), np.sum(-w * f)])


def fit_lapse(x, y):
    best = None
    for start in ([0.0, 0.0, 0.0], [0.0, 1.0, 0.05], [-1.0, 2.0, 0.2], [1.0, 0.5, 0.1]):
        r = optimize.minimize(negloglik, start, args=(x, y), jac=gradient, method="L-BFGS-B",
                              bounds=[(None, None), (None, None), (0.0, 0.5 - 1e-6)],
                              options={"ftol": 0.0, "gtol": 1e-12, "maxiter": 20000, "maxfun": 50000})
        if best is None or r.fun < best.fun:
            best = r
    theta = best.x
    # Observed information by central differences of the analytic gradient.
    h = 1e-5
    hess = np.zeros((3, 3))
    for i in range(3):
        e = np.zeros(3)
        e[i] = h
        hess[:, i] = (gradient(theta + e, x, y) - gradient(theta - e, x, y)) / (2 * h)
    hess = (hess + hess.T) / 2
    se = np.sqrt(np.diag(np.linalg.inv(hess)))
    return theta, -best.fun, se, np.max(np.abs(gradient(theta, x, y)))


def main():
    make_dataset()
    scores, trials = load()
    directions = sorted(scores)
    n = {d: 0 for d in directions}
    k = {d: 0 for d in directions}
    for _, d, c in trials:
        n[d] += 1
        k[d] += c
    acc = np.array([k[d] / n[d] for d in directions])
    s = np.array([scores[d] for d in directions])
    out = []
    for d, a in zip(directions, acc):
        ci = stats.binomtest(k[d], n[d]).proportion_ci(confidence_level=0.95, method="wilson")
        out += [("accuracy." + d, a), ("wilson_low." + d, ci.low), ("wilson_high." + d, ci.high)]
    r = stats.pearsonr(s, acc)[0]
    out += [("pearson", r), ("spearman", stats.spearmanr(s, acc)[0]),
            ("kendall_tau_b", stats.kendalltau(s, acc, variant="b")[0]),
            ("spearman_brown.pearson", 2 * r / (1 + r)), ("spearman_brown.0.6", 2 * 0.6 / 1.6)]
    x = np.array([scores[d] for _, d, _ in trials])
    y = np.array([c for _, _, c in trials], dtype=float)
    theta, ll, se, grad = fit_lapse(x, y)
    out += [("lapse.a", theta[0]), ("lapse.b", theta[1]), ("lapse.lambda", theta[2]), ("lapse.loglik", ll),
            ("lapse.se_a", se[0]), ("lapse.se_b", se[1]), ("lapse.se_lambda", se[2])]
    with open("reference.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["quantity", "value"])
        for name, v in out:
            w.writerow([name, "%.17g" % v])
    print("lapse fit", theta, "loglik", ll, "max |gradient|", grad)


if __name__ == "__main__":
    main()
