#!/usr/bin/env python3
"""Derives the coefficients of Tanh32 (harness/src/main/java/org/ipb/harness/directions/Tanh32.java).

tanh(h) ~ h P(h^2) / Q(h^2) on [0, 4.5], P of degree 5 and Q of degree 3 with Q(0) = 1, minimising
the largest relative error by the differential-correction linear programme (Cheney & Loeb 1961):
each round solves min_t max_i |h_i P(u_i) - f_i Q(u_i)| / (f_i Q_prev(u_i)) <= t over the sample,
linear in the coefficients. Prints the coefficients rounded to float32 (the Java literals) and the
largest error of the float32 evaluation, in the Java expression order, of tanh(x) = 2h / (1 + h^2)
with h the approximation at x / 2, over a grid of [0, 9]. Needs numpy and scipy.
"""
import numpy as np
from scipy.optimize import linprog

NP, NQ, HALF = 6, 3, 4.5


def fit():
    h = np.unique(np.concatenate([np.linspace(1e-4, HALF, 6000), np.geomspace(1e-6, 1, 600)]))
    f = np.tanh(h.astype(np.longdouble)).astype(np.float64)
    u = h * h
    a_p = np.stack([h * u ** i for i in range(NP)], 1)
    a_q = np.stack([f * u ** (i + 1) for i in range(NQ)], 1)
    q_prev = np.ones_like(h)
    best = None
    for _ in range(12):
        w = 1 / (f * q_prev)
        m = np.hstack([a_p, -a_q]) * w[:, None]
        b = f * w
        ones = np.ones((len(h), 1))
        res = linprog(np.r_[np.zeros(NP + NQ), 1], A_ub=np.vstack([np.hstack([m, -ones]), np.hstack([-m, -ones])]),
                      b_ub=np.r_[b, -b], bounds=[(None, None)] * (NP + NQ + 1), method="highs")
        p, q = res.x[:NP], res.x[NP:NP + NQ]
        q_prev = 1 + sum(q[i] * u ** (i + 1) for i in range(NQ))
        err = np.max(np.abs(h * sum(p[i] * u ** i for i in range(NP)) / q_prev - f) / f)
        if best is None or err < best[0]:
            best = (err, p, q)
    return best


def float32_error(p, q):
    pf, qf = p.astype(np.float32), q.astype(np.float32)
    x = np.linspace(0, 9, 2_000_001, dtype=np.float32)
    hh = np.minimum(x, np.float32(9)) * np.float32(0.5)
    u = hh * hh
    pp = pf[-1]
    for c in pf[-2::-1]:
        pp = pp * u + c
    qq = qf[-1]
    for c in qf[-2::-1]:
        qq = qq * u + c
    qq = qq * u + np.float32(1)
    t = hh * pp / qq
    t = np.minimum((t + t) / (t * t + np.float32(1)), np.float32(1))
    ref = np.tanh(x.astype(np.float64))
    ulp = np.spacing(ref.astype(np.float32)).astype(np.float64)
    e = np.abs(t.astype(np.float64) - ref) / ulp
    return e.max(), e.mean()


def main():
    err, p, q = fit()
    print("relative error in exact arithmetic: %.3g" % err)
    for i, c in enumerate(p):
        print("P%d = %sf" % (i, repr(np.float32(c))))
    for i, c in enumerate(q):
        print("Q%d = %sf" % (i + 1, repr(np.float32(c))))
    mx, mean = float32_error(p, q)
    print("float32 evaluation on a grid of [0, 9]: max %.2f ulp, mean %.2f ulp" % (mx, mean))


if __name__ == "__main__":
    main()
