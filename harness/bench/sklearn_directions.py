#!/usr/bin/env python3
"""scikit-learn reference for `ipb bench directions --sklearn`.

Fits the scikit-learn equivalent of one ipb direction-finding method on an .npy activation
matrix and prints one JSON object: seconds (fit only), peak RSS (MiB, whole process) and the
objective computed exactly as ipb defines it for that method, so the two can be compared at
equal objective. Needs Debian's python3-sklearn.
"""
import argparse
import json
import resource
import time

import numpy as np
# Imported here, not in fit(): importing scikit-learn takes 0.7-1 s, which is not the fit's time.
from sklearn import cluster, decomposition, preprocessing

EG_LOGCOSH = 0.3745672075  # E{log cosh(nu)} for nu ~ N(0, 1), as in ipb's IcaDirections


def fit(method, x, k, seed, alpha):
    if method == "pca":
        m = decomposition.PCA(n_components=k, random_state=seed).fit(x)
        return "explained variance ratio", float(m.explained_variance_ratio_.sum())
    if method == "ica":
        m = decomposition.FastICA(n_components=k, whiten="unit-variance", fun="logcosh", max_iter=200,
                                  tol=1e-4, random_state=seed)
        s = m.fit_transform(x)
        s = s / s.std(axis=0)
        j = (np.log(np.cosh(s)).mean(axis=0) - EG_LOGCOSH) ** 2
        return "mean negentropy (logcosh)", float(j.mean())
    if method == "kmeans":
        norms = np.linalg.norm(x, axis=1)
        xn = preprocessing.normalize(x[norms > 0])
        m = cluster.KMeans(n_clusters=k, n_init=1, random_state=seed).fit(xn)
        c = preprocessing.normalize(m.cluster_centers_)
        cos = (xn * c[m.labels_]).sum(axis=1)
        return "mean cosine to assigned centroid", float(cos.mean())
    if method == "nmf":
        m = decomposition.NMF(n_components=k, init="nndsvda", solver="cd", max_iter=200, tol=1e-4,
                              random_state=seed)
        m.fit(x)
        return "0.5 ||X - WH||_F^2", float(0.5 * m.reconstruction_err_ ** 2)
    if method == "dict":
        m = decomposition.MiniBatchDictionaryLearning(n_components=k, alpha=alpha, batch_size=256, max_iter=10,
                                                      random_state=seed, transform_algorithm="lasso_cd",
                                                      transform_alpha=alpha)
        codes = m.fit(x).transform(x)
        resid = x - codes @ m.components_
        per_sample = 0.5 * (resid ** 2).sum(axis=1) + alpha * np.abs(codes).sum(axis=1)
        return "mean 0.5||x - Dᵀa||² + λ||a||₁", float(per_sample.mean())
    raise SystemExit(f"no scikit-learn equivalent for method {method}")


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--matrix", required=True)
    p.add_argument("--method", required=True)
    p.add_argument("--k", type=int, required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--alpha", type=float, default=None, help="dict: the L1 weight ipb used")
    a = p.parse_args()
    x = np.load(a.matrix).astype(np.float32)
    alpha = a.alpha if a.alpha is not None else 0.1 * float(np.linalg.norm(x, axis=1).mean())
    t0 = time.perf_counter()
    name, objective = fit(a.method, x, a.k, a.seed, alpha)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({"method": a.method, "n": x.shape[0], "c": x.shape[1], "k": a.k, "seconds": seconds,
                      "peakRssMiB": peak, "objectiveName": name, "objective": objective}))


if __name__ == "__main__":
    main()
