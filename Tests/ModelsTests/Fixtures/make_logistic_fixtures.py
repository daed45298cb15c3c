#!/usr/bin/env python3
"""Reference fixtures for cvw's logistic-regression tests.

How to regenerate: `make fixtures` in the repository root (it creates a venv
in .venv with the versions below and runs this file), or run this file from any
directory with a Python that has them.  The committed fixtures were produced
with:

    Python 3.11.7, numpy 2.4.6, scipy 1.17.1, pandas 3.1.1,
    statsmodels 0.15.0, scikit-learn 1.9.1

(the versions actually used are also written into the JSON under "versions").

Outputs (all next to this script):
    logistic_reference.json   reference fits on notebooks-data/purchase_intent.csv
    separation.csv            40 rows, `leak` perfectly separates y (y = 1 iff leak > 0.5)
    quasi_separation.csv      40 rows, flag = 1 => y = 1; flag = 0 rows have both classes

Conventions in logistic_reference.json:
  * features, always in this order: frequency, recency, T, monetary_value; target: bought
  * "coefficients" are always in that feature order; "intercept" is separate.
  * Arrays that include the intercept (standardErrors, z, pValues, ci95Lower,
    ci95Upper, covariance) put the intercept FIRST, then the features.
  * "covariance" is the 5x5 matrix flattened row-major.
  * L2 cases: "objective" = 0.5*||w||^2 + C * sum_i s_i * logloss_i, with the
    intercept unpenalized, s_i the effective per-sample weight (1, class weight,
    sample weight or their product) and logloss_i = log(1+exp(eta_i)) - y_i*eta_i.
    This is the objective scikit-learn minimises (it internally divides it by
    C * sum_i s_i, which does not change the minimiser).
  * Every sklearn fit is done with solver="newton-cholesky" and with
    solver="lbfgs" (tol=1e-14, max_iter=100000); the newton-cholesky values are
    recorded.  Accuracy checks (the script exits non-zero if any fails):
      - an independent float64 Newton solver in this script (started from zero,
        on the objective written above, with the weights written in the JSON)
        must agree with newton-cholesky to 1e-10 relative, element-wise;
      - one Newton step at the recorded solution must be < 1e-10 relative,
        i.e. the references sit at the optimum to >= 10 significant digits
        (this also pins down the weights sklearn actually used);
      - unpenalized cases: statsmodels and sklearn agree to 1e-8 relative;
      - lbfgs must agree with newton-cholesky to 5e-6 relative only.  sklearn's
        lbfgs cannot be tightened to 1e-8: it hard-codes scipy's
        ftol = 64*eps on the (mean) loss, so it stops where the objective is
        flat to ~1e-15 relative, which on these raw, badly scaled features
        leaves the coefficients 1e-8 .. 1.4e-6 relative from the optimum
        (warm-started restarts do not improve that; measured with
        scikit-learn 1.9.1).  The measured differences are written to
        each case's "checks".
  * scikit-learn >= 1.8 deprecates `penalty=`; the equivalent non-deprecated
    spelling is used there (l1_ratio=0 for "l2", C=inf for no penalty).
"""

import json
import math
import platform
import random
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
import sklearn
import statsmodels
import statsmodels.api as sm
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.class_weight import compute_class_weight

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
DATA = REPO / "notebooks-data" / "purchase_intent.csv"
OUT_JSON = HERE / "logistic_reference.json"

FEATURES = ["frequency", "recency", "T", "monetary_value"]
TARGET = "bought"
# 1e-14 is the tightest tol sklearn's newton-cholesky accepts without warnings
# (tol=0 triggers line-search / max_iter warnings); with 1e-12 it stops up to
# 1e-11 relative short of the optimum (C=0.1 standardized), with 1e-14 at ~1e-14.
SK_TOL = 1e-14
SK_MAX_ITER = 100000
AGREE_RTOL = 1e-8         # statsmodels vs sklearn (unpenalized cases)
OWN_NEWTON_RTOL = 1e-10   # independent Newton solve vs sklearn newton-cholesky
NEWTON_STEP_RTOL = 1e-10  # own Newton step at the recorded optimum
LBFGS_RTOL = 5e-6         # sklearn lbfgs vs newton-cholesky (lbfgs is ftol-limited)
WEIGHT_RULE = "1 + customer_id % 3"

SK_VERSION = tuple(int(p) for p in sklearn.__version__.split(".")[:2])
SK_NEW_PENALTY_API = SK_VERSION >= (1, 8)


def fail(msg):
    print("FIXTURE CHECK FAILED: " + msg, file=sys.stderr)
    sys.exit(1)


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def max_rel_diff(a, b):
    """Element-wise relative difference, max over elements."""
    a = np.asarray(a, dtype=float).ravel()
    b = np.asarray(b, dtype=float).ravel()
    denom = np.maximum(np.maximum(np.abs(a), np.abs(b)), 1e-300)
    return float(np.max(np.abs(a - b) / denom))


def assert_close(label, a, b, rtol=AGREE_RTOL):
    d = max_rel_diff(a, b)
    if not d <= rtol:
        fail(f"{label}: max element-wise relative difference {d:.3e} > {rtol:.0e}\n"
             f"  a = {np.asarray(a).tolist()}\n  b = {np.asarray(b).tolist()}")
    return d


# --------------------------------------------------------------------------
# Own objective / Newton check (float64, no library optimiser)
# --------------------------------------------------------------------------

def objective(X, y, s, C, b, w):
    """0.5*||w||^2 + C*sum s_i logloss_i   (C=inf -> plain weighted NLL)."""
    eta = b + X @ w
    nll = float(np.sum(s * (np.logaddexp(0.0, eta) - y * eta)))
    if math.isinf(C):
        return nll
    return 0.5 * float(w @ w) + C * nll


def newton_step(X, y, s, C, beta):
    """Newton step H^{-1} g of the objective at beta = [b, w...]."""
    n, p = X.shape
    Z = np.column_stack([np.ones(n), X])
    eta = Z @ beta
    mu = 1.0 / (1.0 + np.exp(-eta))
    if math.isinf(C):
        g = Z.T @ (s * (mu - y))
        H = (Z * (s * mu * (1 - mu))[:, None]).T @ Z
    else:
        reg = np.concatenate([[0.0], beta[1:]])
        g = reg + C * (Z.T @ (s * (mu - y)))
        H = C * ((Z * (s * mu * (1 - mu))[:, None]).T @ Z)
        H[1:, 1:] += np.eye(p)
    return np.linalg.solve(H, g)


def newton_step_rel(X, y, s, C, b, w):
    """Relative size of one Newton step on the objective at (b, w)."""
    beta = np.concatenate([[b], w])
    step = newton_step(X, y, s, C, beta)
    return float(np.max(np.abs(step) / np.maximum(np.abs(beta), 1e-300)))


def own_newton(X, y, s, C):
    """Independent damped Newton solve from zero; returns [b, w...]."""
    beta = np.zeros(X.shape[1] + 1)
    f = objective(X, y, s, C, beta[0], beta[1:])
    for _ in range(200):
        step = newton_step(X, y, s, C, beta)
        t = 1.0
        while True:
            cand = beta - t * step
            fc = objective(X, y, s, C, cand[0], cand[1:])
            if fc <= f or t < 1e-10:
                break
            t *= 0.5
        beta, f = cand, fc
        if np.max(np.abs(t * step) / np.maximum(np.abs(beta), 1e-300)) < 1e-15:
            break
    # a few plain Newton polishing steps at the end
    for _ in range(3):
        beta = beta - newton_step(X, y, s, C, beta)
    return beta


def verify_optimum(label, X, y, s, C, b, w):
    """Own Newton solve + Newton step at (b, w); returns check dict."""
    ref = own_newton(X, y, s, C)
    d_own = assert_close(f"{label}: own Newton vs sklearn newton-cholesky",
                         np.concatenate([[b], w]), ref, OWN_NEWTON_RTOL)
    step = newton_step_rel(X, y, s, C, b, w)
    if not step < NEWTON_STEP_RTOL:
        fail(f"{label}: Newton step at recorded solution {step:.3e} "
             f"> {NEWTON_STEP_RTOL:.0e} (weights not as assumed?)")
    return {"ownNewtonMaxRelDiff": d_own, "newtonStepMaxRel": step}


# --------------------------------------------------------------------------
# sklearn fitting with both solvers
# --------------------------------------------------------------------------

def make_lr(C, solver, class_weight=None):
    kw = dict(solver=solver, tol=SK_TOL, max_iter=SK_MAX_ITER, class_weight=class_weight)
    if SK_NEW_PENALTY_API:
        kw.update(C=C, l1_ratio=0.0)          # C=inf <=> penalty=None
    else:
        if math.isinf(C):
            kw.update(penalty=None)
        else:
            kw.update(penalty="l2", C=C)
    return LogisticRegression(**kw)


def fit_both(label, X, y, C, class_weight=None, sample_weight=None, standardize=False):
    """Fit newton-cholesky and lbfgs, assert agreement, return the NC model."""
    fitted = {}
    for solver in ("newton-cholesky", "lbfgs"):
        lr = make_lr(C, solver, class_weight)
        model = Pipeline([("scaler", StandardScaler()), ("lr", lr)]) if standardize else lr
        with warnings.catch_warnings():
            warnings.simplefilter("error")   # ConvergenceWarning etc. -> fail loudly
            try:
                if standardize:
                    model.fit(X, y, lr__sample_weight=sample_weight)
                else:
                    model.fit(X, y, sample_weight=sample_weight)
            except Warning as e:
                fail(f"{label} [{solver}] warned: {e!r}")
        est = model.named_steps["lr"] if standardize else model
        if int(np.max(est.n_iter_)) >= SK_MAX_ITER:
            fail(f"{label} [{solver}] hit max_iter")
        fitted[solver] = (model, est)
    nc, lb = fitted["newton-cholesky"][1], fitted["lbfgs"][1]
    d_int = assert_close(f"{label}: intercept NC vs lbfgs", nc.intercept_, lb.intercept_, LBFGS_RTOL)
    d_coef = assert_close(f"{label}: coefficients NC vs lbfgs", nc.coef_, lb.coef_, LBFGS_RTOL)
    return fitted["newton-cholesky"][0], nc, max(d_int, d_coef), {
        s: int(np.max(fitted[s][1].n_iter_)) for s in fitted}


def sklearn_settings(C, class_weight=None, weights=None, standardize=False):
    d = {
        "library": "scikit-learn",
        "solver": "newton-cholesky",
        "penalty": "none" if math.isinf(C) else "l2",
        "fitIntercept": True,
        "interceptPenalized": False,
        "tol": SK_TOL,
        "maxIter": SK_MAX_ITER,
        "classWeight": class_weight,
        "weights": weights,
        "standardize": standardize,
    }
    if not math.isinf(C):
        d["C"] = C
    return d


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def main():
    df = pd.read_csv(DATA)
    if len(df) != 2357:
        fail(f"expected 2357 rows, got {len(df)}")
    X = df[FEATURES].to_numpy(dtype=float)
    y = df[TARGET].to_numpy(dtype=float)
    if not set(np.unique(y)) <= {0.0, 1.0}:
        fail("target is not 0/1")
    yi = y.astype(int)
    sw = 1.0 + (df["customer_id"].to_numpy() % 3).astype(float)   # WEIGHT_RULE
    n = len(y)
    ones = np.ones(n)
    cases = []

    def check_cw(class_weight, sample_weight):
        """Balanced class weights as sklearn computes them; verified by formula."""
        cw = compute_class_weight(class_weight, classes=np.array([0, 1]), y=yi,
                                  sample_weight=sample_weight)
        s = ones if sample_weight is None else sample_weight
        formula = np.array([s.sum() / (2 * s[yi == k].sum()) for k in (0, 1)])
        assert_close("balanced class weights vs formula", cw, formula, 1e-14)
        return cw

    # ---------------- 1. unpenalized (statsmodels Logit) ----------------
    Xc = sm.add_constant(X, has_constant="add")
    res = sm.Logit(y, Xc).fit(method="newton", tol=1e-14, maxiter=100, disp=0)
    if not res.mle_retvals["converged"]:
        fail("statsmodels Logit did not converge")
    params = np.asarray(res.params)
    ci = np.asarray(res.conf_int(alpha=0.05))
    _, sk_nc, d_solvers, iters = fit_both("unpenalized", X, y, math.inf)
    d_sm = max(assert_close("unpenalized: statsmodels vs sklearn intercept", params[0], sk_nc.intercept_[0]),
               assert_close("unpenalized: statsmodels vs sklearn coefficients", params[1:], sk_nc.coef_[0]))
    ver = verify_optimum("unpenalized", X, y, ones, math.inf, params[0], params[1:])
    cases.append({
        "name": "unpenalized",
        "description": "Unpenalized maximum likelihood. statsmodels sm.Logit(y, sm.add_constant(X))"
                       ".fit(method='newton', tol=1e-14, maxiter=100); cross-checked against sklearn "
                       "LogisticRegression with no penalty (newton-cholesky and lbfgs). Arrays with the "
                       "intercept list it first; covariance is 5x5 row-major; z, p-values and 95% CI use "
                       "the normal distribution; pseudoR2 is McFadden's 1 - llf/llnull; "
                       "aic = -2 llf + 2*5, bic = -2 llf + ln(n)*5.",
        "library": "statsmodels",
        "method": "newton",
        "tol": 1e-14,
        "maxIter": 100,
        "penalty": "none",
        "fitIntercept": True,
        "nObs": int(res.nobs),
        "intercept": float(params[0]),
        "coefficients": floats(params[1:]),
        "standardErrors": floats(res.bse),
        "z": floats(res.tvalues),
        "pValues": floats(res.pvalues),
        "ci95Lower": floats(ci[:, 0]),
        "ci95Upper": floats(ci[:, 1]),
        "logLikelihood": float(res.llf),
        "covariance": floats(np.asarray(res.cov_params())),
        "llnull": float(res.llnull),
        "pseudoR2": float(res.prsquared),
        "aic": float(res.aic),
        "bic": float(res.bic),
        "checks": {"statsmodelsVsSklearnMaxRelDiff": d_sm, **ver,
                   "lbfgsVsNewtonCholeskyMaxRelDiff": d_solvers, "sklearnIterations": iters},
    })

    # ---------------- 2. L2 on raw features ----------------
    for C in (0.01, 1.0, 100.0):
        name = f"l2_C{C:g}"
        _, nc, d_solvers, iters = fit_both(name, X, y, C)
        b, w = float(nc.intercept_[0]), nc.coef_[0].astype(float)
        ver = verify_optimum(name, X, y, ones, C, b, w)
        cases.append({
            "name": name,
            "description": f"L2-penalised logistic regression, C={C:g}, raw (unscaled) features, "
                           "intercept unpenalized. sklearn LogisticRegression (newton-cholesky, "
                           "checked against lbfgs). objective = 0.5*||w||^2 + C*sum_i logloss_i.",
            **sklearn_settings(C),
            "intercept": b,
            "coefficients": floats(w),
            "objective": objective(X, y, ones, C, b, w),
            "checks": {**ver, "lbfgsVsNewtonCholeskyMaxRelDiff": d_solvers,
                       "sklearnIterations": iters},
        })

    # ---------------- 3. L2, C=0.1, standardized ----------------
    C = 0.1
    name = "l2_C0.1_standardized"
    pipe, nc, d_solvers, iters = fit_both(name, X, y, C, standardize=True)
    scaler = pipe.named_steps["scaler"]
    center, scale = scaler.mean_.astype(float), scaler.scale_.astype(float)
    assert_close(f"{name}: center", center, X.mean(axis=0), 1e-14)
    assert_close(f"{name}: scale (ddof=0)", scale, X.std(axis=0, ddof=0), 1e-13)
    Xs = (X - center) / scale
    bs, ws = float(nc.intercept_[0]), nc.coef_[0].astype(float)
    ver = verify_optimum(name, Xs, y, ones, C, bs, ws)
    w_orig = ws / scale
    b_orig = bs - float(np.sum(ws * center / scale))
    # the back-transformed model must give the same linear predictor
    assert_close(f"{name}: back-transform", b_orig + X @ w_orig, bs + Xs @ ws, 1e-10)
    cases.append({
        "name": name,
        "description": "Pipeline([StandardScaler(), LogisticRegression(C=0.1, L2)]). Features are "
                       "standardized with center = mean and scale = population std (ddof=0); the penalty "
                       "acts on the standardized coefficients. standardizedCoefficients/Intercept are the "
                       "fitted values on the standardized scale; coefficients = w_j/scale_j and "
                       "intercept = b - sum_j w_j*center_j/scale_j are the same model on the original "
                       "scale. objective is evaluated on the standardized features.",
        **sklearn_settings(C, standardize=True),
        "center": floats(center),
        "scale": floats(scale),
        "standardizedIntercept": bs,
        "standardizedCoefficients": floats(ws),
        "intercept": b_orig,
        "coefficients": floats(w_orig),
        "objective": objective(Xs, y, ones, C, bs, ws),
        "checks": {**ver, "lbfgsVsNewtonCholeskyMaxRelDiff": d_solvers,
                   "sklearnIterations": iters},
    })

    # ---------------- 4/5/7. L2, C=1, class / sample weights ----------------
    C = 1.0
    for name, cw_opt, swt, desc in [
        ("l2_C1_balanced", "balanced", None,
         "class_weight='balanced': s_i = n / (2 * n_{y_i}), i.e. classWeights[y_i]."),
        ("l2_C1_weighted", None, sw,
         f"sample weights s_i = {WEIGHT_RULE}, passed as fit(X, y, sample_weight=s)."),
        ("l2_C1_balanced_weighted", "balanced", sw,
         f"class_weight='balanced' AND sample weights {WEIGHT_RULE}; sklearn multiplies them: "
         "s_i = sw_i * classWeights[y_i]. NOTE: with scikit-learn >= 1.6 (compute_class_weight with "
         "sample_weight) the balanced class weights are computed from the WEIGHTED class counts: "
         "classWeights[k] = sum_i sw_i / (2 * sum_{i: y_i = k} sw_i)."),
    ]:
        s = ones if swt is None else swt.copy()
        cw = None
        if cw_opt is not None:
            cw = check_cw(cw_opt, swt)
            s = s * cw[yi]
        _, nc, d_solvers, iters = fit_both(name, X, y, C, class_weight=cw_opt, sample_weight=swt)
        b, w = float(nc.intercept_[0]), nc.coef_[0].astype(float)
        ver = verify_optimum(name, X, y, s, C, b, w)
        case = {
            "name": name,
            "description": "L2-penalised logistic regression, C=1, raw features, intercept unpenalized; "
                           + desc + " objective = 0.5*||w||^2 + C*sum_i s_i*logloss_i.",
            **sklearn_settings(C, class_weight=cw_opt, weights=None if swt is None else WEIGHT_RULE),
        }
        if cw is not None:
            case["classWeights"] = floats(cw)   # [weight for y=0, weight for y=1]
        case.update({
            "intercept": b,
            "coefficients": floats(w),
            "objective": objective(X, y, s, C, b, w),
            "checks": {**ver, "lbfgsVsNewtonCholeskyMaxRelDiff": d_solvers,
                       "sklearnIterations": iters},
        })
        cases.append(case)

    # ---------------- 6. unpenalized, frequency-weighted (statsmodels GLM) ----------------
    name = "unpenalized_weighted"
    glm = sm.GLM(y, Xc, family=sm.families.Binomial(), freq_weights=sw).fit(tol=1e-14)
    if not glm.converged:
        fail(f"{name}: statsmodels GLM did not converge")
    gp = np.asarray(glm.params)
    _, nc, d_solvers, iters = fit_both(name, X, y, math.inf, sample_weight=sw)
    d_sm = max(assert_close(f"{name}: GLM vs sklearn intercept", gp[0], nc.intercept_[0]),
               assert_close(f"{name}: GLM vs sklearn coefficients", gp[1:], nc.coef_[0]))
    ver = verify_optimum(name, X, y, sw, math.inf, gp[0], gp[1:])
    # freq-weight covariance = inverse of the weighted Fisher information
    mu = glm.fittedvalues
    fisher = (Xc * (sw * mu * (1 - mu))[:, None]).T @ Xc
    assert_close(f"{name}: cov vs inverse weighted Fisher", np.asarray(glm.cov_params()),
                 np.linalg.inv(fisher), 1e-8)
    ci = np.asarray(glm.conf_int(alpha=0.05))
    cases.append({
        "name": name,
        "description": f"Unpenalized, sample weights s_i = {WEIGHT_RULE} treated as FREQUENCY weights. "
                       "statsmodels sm.GLM(y, sm.add_constant(X), family=Binomial(), freq_weights=s)"
                       ".fit(tol=1e-14); coefficients cross-checked against sklearn (no penalty, "
                       "sample_weight=s). covariance = inverse of sum_i s_i mu_i(1-mu_i) z_i z_i^T "
                       "(5x5 row-major, intercept first); standardErrors its sqrt-diagonal; "
                       "logLikelihood = sum_i s_i*loglik_i; nObs = number of rows, sumWeights = sum_i s_i.",
        "library": "statsmodels",
        "method": "IRLS",
        "tol": 1e-14,
        "penalty": "none",
        "fitIntercept": True,
        "weights": WEIGHT_RULE,
        "weightType": "frequency",
        "nObs": int(glm.nobs),
        "sumWeights": float(glm.model.wnobs),
        "intercept": float(gp[0]),
        "coefficients": floats(gp[1:]),
        "standardErrors": floats(glm.bse),
        "z": floats(glm.tvalues),
        "pValues": floats(glm.pvalues),
        "ci95Lower": floats(ci[:, 0]),
        "ci95Upper": floats(ci[:, 1]),
        "covariance": floats(np.asarray(glm.cov_params())),
        "logLikelihood": float(glm.llf),
        "checks": {"statsmodelsVsSklearnMaxRelDiff": d_sm, **ver,
                   "lbfgsVsNewtonCholeskyMaxRelDiff": d_solvers, "sklearnIterations": iters},
    })

    # Order cases as in the spec.
    order = ["unpenalized", "l2_C0.01", "l2_C1", "l2_C100", "l2_C0.1_standardized",
             "l2_C1_balanced", "l2_C1_weighted", "unpenalized_weighted", "l2_C1_balanced_weighted"]
    by_name = {c["name"]: c for c in cases}
    if sorted(by_name) != sorted(order):
        fail(f"unexpected case names {sorted(by_name)}")
    cases = [by_name[k] for k in order]

    doc = {
        "generator": "Tests/ModelsTests/Fixtures/make_logistic_fixtures.py "
                     "(run: make fixtures)",
        "versions": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "pandas": pd.__version__,
            "statsmodels": statsmodels.__version__,
            "scikit-learn": sklearn.__version__,
        },
        "data": {
            "path": "notebooks-data/purchase_intent.csv",
            "nRows": int(n),
            "nPositive": int(yi.sum()),
            "features": FEATURES,
            "target": TARGET,
        },
        "conventions": {
            "coefficientOrder": FEATURES,
            "interceptFirstIn": ["standardErrors", "z", "pValues", "ci95Lower", "ci95Upper", "covariance"],
            "covarianceLayout": "5x5 row-major, order [intercept] + features",
            "objective": "0.5*||w||^2 + C*sum_i s_i*logloss_i, intercept unpenalized, "
                         "logloss_i = log(1+exp(eta_i)) - y_i*eta_i",
            "sklearnSolverAgreement": "newton-cholesky values recorded; verified against an "
                                      "independent Newton solve (1e-10 rel) and a Newton step at the "
                                      "solution (< 1e-10 rel); statsmodels vs sklearn 1e-8 rel; sklearn "
                                      "lbfgs only agrees to 5e-6 rel (its ftol is hard-coded)",
        },
        "cases": cases,
    }
    with open(OUT_JSON, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")

    write_separation_fixtures()
    print_summary(doc)


# --------------------------------------------------------------------------
# Separation fixtures (hand-made, stdlib only)
# --------------------------------------------------------------------------

def write_csv(path, header, rows):
    with open(path, "w", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(r) + "\n")


def overlaps(vals, ys):
    a = [v for v, t in zip(vals, ys) if t == 1]
    b = [v for v, t in zip(vals, ys) if t == 0]
    return max(a) > min(b) and max(b) > min(a)


def write_separation_fixtures():
    # Complete separation: 20 positives, 20 negatives, shuffled; leak in
    # [0.55, 1.00) for y=1 and [0.00, 0.45) for y=0; x1, x2 ~ N(0, 1).
    rng = random.Random(20240611)
    ys = [1] * 20 + [0] * 20
    rng.shuffle(ys)
    rows, x1s, x2s = [], [], []
    for yv in ys:
        x1 = round(rng.gauss(0.0, 1.0), 4)
        x2 = round(rng.gauss(0.0, 1.0), 4)
        u = rng.random()
        leak = round(0.55 + 0.45 * u, 4) if yv == 1 else round(0.45 * u, 4)
        if (leak > 0.5) != (yv == 1):
            fail("separation: leak does not separate")
        x1s.append(x1)
        x2s.append(x2)
        rows.append([f"{x1:.4f}", f"{x2:.4f}", f"{leak:.4f}", str(yv)])
    if not (overlaps(x1s, ys) and overlaps(x2s, ys)):
        fail("separation: noise columns separate y by themselves")
    write_csv(HERE / "separation.csv", ["x1", "x2", "leak", "y"], rows)

    # Quasi-complete separation: 10 rows flag=1 (all y=1); 30 rows flag=0 with
    # 12 y=1 and 18 y=0; shuffled; x1 ~ N(0, 1).
    rng = random.Random(20240612)
    pairs = [(1, 1)] * 10 + [(0, 1)] * 12 + [(0, 0)] * 18
    rng.shuffle(pairs)
    rows, x1s = [], []
    for flag, yv in pairs:
        x1 = round(rng.gauss(0.0, 1.0), 4)
        x1s.append(x1)
        rows.append([f"{x1:.4f}", str(flag), str(yv)])
    if not all(yv == 1 for flag, yv in pairs if flag == 1):
        fail("quasi: flag=1 must imply y=1")
    if {yv for flag, yv in pairs if flag == 0} != {0, 1}:
        fail("quasi: flag=0 rows must have both classes")
    if not overlaps(x1s, [p[1] for p in pairs]):
        fail("quasi: x1 separates y")
    write_csv(HERE / "quasi_separation.csv", ["x1", "flag", "y"], rows)


def print_summary(doc):
    print("versions:", json.dumps(doc["versions"]))
    print("data:", json.dumps(doc["data"]))
    for c in doc["cases"]:
        print(f"\n== {c['name']}")
        print("   keys:", list(c.keys()))
        print("   intercept   :", repr(c["intercept"]))
        print("   coefficients:", [repr(v) for v in c["coefficients"]])
        for k in ("standardErrors", "logLikelihood", "objective", "classWeights"):
            if k in c:
                print(f"   {k:12s}:", c[k] if not isinstance(c[k], float) else repr(c[k]))
        print("   checks      :", c["checks"])
    print(f"\nwrote {OUT_JSON}")
    print(f"wrote {HERE / 'separation.csv'}")
    print(f"wrote {HERE / 'quasi_separation.csv'}")


if __name__ == "__main__":
    main()
