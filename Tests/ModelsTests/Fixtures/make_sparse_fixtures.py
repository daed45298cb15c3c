#!/usr/bin/env python3
"""Reference fixtures for cvw's L1 and elastic-net logistic regression.

Run from any directory with a Python that has numpy, pandas and scikit-learn
(the committed fixtures: scikit-learn 1.9.1; versions are written into the
JSON).  Beside make_logistic_fixtures.py, on the same data
(notebooks-data/purchase_intent.csv, features frequency, recency, T,
monetary_value, target bought).

Outputs (next to this script):
    sparse_reference.json   the reference fits
    sparse_noise.csv        two pure-noise columns (noise_a, noise_b) for the
                            rows of purchase_intent.csv, in its row order:
                            N(0, 1) from numpy's default_rng(20240613),
                            rounded to 4 decimals (the rounded values are the
                            data: the script reads them back)

Objective (scikit-learn's, rho = l1_ratio; l1 is rho = 1):

    F(b, w) = C * sum_i logloss_i + rho * ||w||_1 + (1 - rho)/2 * ||w||^2

with logloss_i = log(1 + exp(eta_i)) - y_i * eta_i, eta_i = b + x_i . w, the
intercept b unpenalised, and x_i the STANDARDISED features
(Pipeline([StandardScaler(), LogisticRegression(solver="saga")]), population
std): saga does not converge on the raw, badly scaled columns.  On the
original scale (beta_j = w_j / scale_j) the penalty is
rho * sum_j scale_j |beta_j| + (1 - rho)/2 * sum_j scale_j^2 beta_j^2, which is
what cvw's `standardize` applies.

Per case:
  * "intercept"/"coefficients": the saga fit mapped to the original scale
    (coefficients = w / scale, intercept = b - sum w * center / scale);
    "standardizedIntercept"/"standardizedCoefficients": saga's own values;
  * "objective": F at saga's solution (saga stops early: a correct solver
    reaches F <= this);
  * "optimumObjective", "optimumCoefficients": an independent proximal
    Newton solve in this script (quadratic model solved by cyclic coordinate
    descent with soft-thresholding, line search on F), converged on the
    subgradient conditions to 1e-12; the script fails unless saga is within
    1e-4 of it in every coefficient and 1e-6 relative in F;
  * "zeros": indices (in feature order) of the coefficients that are zero at
    the optimum; "robustZeros": those whose subgradient condition holds with
    margin (|grad_j| <= 0.9 * rho), so that any solver near the optimum puts
    exact zeros there; saga must have exactly those zeros.
"""

import json
import platform
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
DATA = REPO / "notebooks-data" / "purchase_intent.csv"
NOISE = HERE / "sparse_noise.csv"
OUT_JSON = HERE / "sparse_reference.json"
FEATURES = ["frequency", "recency", "T", "monetary_value"]
NOISE_FEATURES = ["noise_a", "noise_b"]
TARGET = "bought"
SAGA_TOL = 1e-12
SAGA_MAX_ITER = 1_000_000
COEF_ATOL = 1e-4
OBJECTIVE_RTOL = 1e-6


def fail(msg):
    print("FIXTURE CHECK FAILED: " + msg, file=sys.stderr)
    sys.exit(1)


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def objective(X, y, C, rho, b, w):
    eta = b + X @ w
    loss = float(np.sum(np.logaddexp(0.0, eta) - y * eta))
    return C * loss + rho * float(np.sum(np.abs(w))) + 0.5 * (1 - rho) * float(w @ w)


def smooth_gradient(X, y, C, rho, beta):
    """Gradient of C*loss + (1-rho)/2 ||w||^2 at beta = [b, w...]."""
    Z = np.column_stack([np.ones(len(y)), X])
    mu = 1.0 / (1.0 + np.exp(-(Z @ beta)))
    g = C * (Z.T @ (mu - y))
    g[1:] += (1 - rho) * beta[1:]
    return g, Z, mu


def kkt_violation(g, beta, rho):
    """Largest component of the minimum-norm subgradient of F."""
    v = abs(g[0])
    for j in range(1, len(beta)):
        if beta[j] != 0:
            v = max(v, abs(g[j] + rho * np.sign(beta[j])))
        else:
            v = max(v, max(abs(g[j]) - rho, 0.0))
    return v


def prox_newton(X, y, C, rho):
    """Independent proximal Newton solve from zero; returns [b, w...]."""
    p = X.shape[1] + 1
    beta = np.zeros(p)
    kappa = np.concatenate([[0.0], np.full(p - 1, rho)])
    F = lambda bt: objective(X, y, C, rho, bt[0], bt[1:])
    f = F(beta)
    for _ in range(200):
        g, Z, mu = smooth_gradient(X, y, C, rho, beta)
        if kkt_violation(g, beta, rho) < 1e-12:
            break
        H = C * ((Z * (mu * (1 - mu))[:, None]).T @ Z)
        H[1:, 1:] += (1 - rho) * np.eye(p - 1)
        z = beta.copy()
        for _ in range(100000):
            largest = 0.0
            for j in range(p):
                a = H[j, j]
                u = a * z[j] - (g[j] + H[j] @ (z - beta))
                new = np.sign(u) * max(abs(u) - kappa[j], 0.0) / a
                largest = max(largest, abs(new - z[j]))
                z[j] = new
            if largest < 1e-15:
                break
        d = z - beta
        delta = g @ d + float(np.sum(kappa * (np.abs(z) - np.abs(beta))))
        t = 1.0
        # Near the optimum F's changes are lost in its rounding and no line
        # search can judge a step: the quadratic model is exact there.
        while -delta > 1e-12 * max(1.0, abs(f)):
            cand = beta + t * d
            fc = F(cand)
            if fc <= f + 1e-4 * t * delta or t < 1e-12:
                break
            t *= 0.5
        else:
            cand = beta + d
            fc = F(cand)
        beta, f = cand, fc
    else:
        fail("own proximal Newton did not converge")
    return beta


def main():
    df = pd.read_csv(DATA)
    if len(df) != 2357:
        fail(f"expected 2357 rows, got {len(df)}")
    rng = np.random.default_rng(20240613)
    noise = np.round(rng.standard_normal((len(df), 2)), 4)
    with open(NOISE, "w", newline="\n") as f:
        f.write("customer_id," + ",".join(NOISE_FEATURES) + "\n")
        for cid, (a, b) in zip(df["customer_id"], noise):
            f.write(f"{cid},{a:.4f},{b:.4f}\n")
    noise_df = pd.read_csv(NOISE)
    if not (noise_df["customer_id"].to_numpy() == df["customer_id"].to_numpy()).all():
        fail("noise rows out of order")
    y = df[TARGET].to_numpy(dtype=float)

    cases = []
    specs = [
        ("l1_C0.01_standardized", FEATURES, 0.01, 1.0),
        ("l1_C1_standardized", FEATURES, 1.0, 1.0),
        ("l1_C0.05_noise_standardized", FEATURES + NOISE_FEATURES, 0.05, 1.0),
        ("elasticnet_C0.05_r0.5_standardized", FEATURES, 0.05, 0.5),
        ("elasticnet_C0.01_r0.5_noise_standardized", FEATURES + NOISE_FEATURES, 0.01, 0.5),
    ]
    for name, feats, C, rho in specs:
        X = pd.concat([df, noise_df[NOISE_FEATURES]], axis=1)[feats].to_numpy(dtype=float)
        lr = LogisticRegression(C=C, l1_ratio=rho, solver="saga", tol=SAGA_TOL, max_iter=SAGA_MAX_ITER,
                                random_state=0)
        pipe = Pipeline([("scaler", StandardScaler()), ("lr", lr)])
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                pipe.fit(X, y)
            except Warning as e:
                fail(f"{name}: saga warned: {e!r}")
        scaler = pipe.named_steps["scaler"]
        center, scale = scaler.mean_.astype(float), scaler.scale_.astype(float)
        Xs = (X - center) / scale
        b, w = float(lr.intercept_[0]), lr.coef_[0].astype(float)
        f_saga = objective(Xs, y, C, rho, b, w)
        opt = prox_newton(Xs, y, C, rho)
        f_opt = objective(Xs, y, C, rho, opt[0], opt[1:])
        if not f_opt <= f_saga + 1e-12 * abs(f_saga):
            fail(f"{name}: own solver objective {f_opt!r} above saga's {f_saga!r}")
        if not f_saga - f_opt <= OBJECTIVE_RTOL * abs(f_opt):
            fail(f"{name}: saga objective {f_saga!r} vs optimum {f_opt!r}")
        opt_orig = np.concatenate([[opt[0] - float(np.sum(opt[1:] * center / scale))], opt[1:] / scale])
        b_orig = b - float(np.sum(w * center / scale))
        w_orig = w / scale
        diff = float(np.max(np.abs(np.concatenate([[b_orig], w_orig]) - opt_orig)))
        if not diff <= COEF_ATOL:
            fail(f"{name}: saga vs own optimum differ by {diff:.3e} (original scale)")
        g, _, _ = smooth_gradient(Xs, y, C, rho, opt)
        zeros = [j for j in range(len(feats)) if opt[j + 1] == 0]
        robust = [j for j in zeros if abs(g[j + 1]) <= 0.9 * rho]
        saga_zeros = [j for j in range(len(feats)) if w[j] == 0]
        if any(j not in saga_zeros for j in robust) or any(j not in zeros for j in saga_zeros):
            fail(f"{name}: saga zeros {saga_zeros} vs optimum zeros {zeros} (robust {robust})")
        cases.append({
            "name": name,
            "description": f"Pipeline([StandardScaler(), LogisticRegression(C={C:g}, l1_ratio={rho:g}, "
                           f"solver='saga', tol={SAGA_TOL:g}, max_iter={SAGA_MAX_ITER}, random_state=0)]) on {', '.join(feats)}.",
            "features": feats,
            "penalty": "l1" if rho == 1 else "elastic-net",
            "C": C,
            "l1Ratio": rho,
            "center": floats(center),
            "scale": floats(scale),
            "standardizedIntercept": b,
            "standardizedCoefficients": floats(w),
            "intercept": b_orig,
            "coefficients": floats(w_orig),
            "objective": f_saga,
            "optimumIntercept": float(opt_orig[0]),
            "optimumCoefficients": floats(opt_orig[1:]),
            "optimumObjective": f_opt,
            "zeros": zeros,
            "robustZeros": robust,
            "checks": {
                "sagaIterations": int(np.max(lr.n_iter_)),
                "sagaVsOptimumMaxAbsDiff": diff,
                "sagaObjectiveExcessRel": (f_saga - f_opt) / abs(f_opt),
                "zeroGradientOverPenalty": {str(j): float(abs(g[j + 1]) / rho) for j in zeros},
            },
        })
        print(f"{name}: saga {lr.n_iter_} iterations, F {f_saga!r} (optimum {f_opt!r}), "
              f"coef diff {diff:.2e}, zeros {zeros} robust {robust}")

    doc = {
        "generator": "Tests/ModelsTests/Fixtures/make_sparse_fixtures.py",
        "versions": {"python": platform.python_version(), "numpy": np.__version__,
                     "pandas": pd.__version__, "scikit-learn": sklearn.__version__},
        "data": {"path": "notebooks-data/purchase_intent.csv", "noise": "Tests/ModelsTests/Fixtures/sparse_noise.csv",
                 "target": TARGET},
        "conventions": {
            "objective": "C*sum_i logloss_i + l1Ratio*||w||_1 + (1-l1Ratio)/2*||w||^2 on the standardized "
                         "features, intercept unpenalized",
            "coefficients": "original scale, feature order of the case's 'features'",
        },
        "cases": cases,
    }
    with open(OUT_JSON, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT_JSON} and {NOISE}")


if __name__ == "__main__":
    main()
