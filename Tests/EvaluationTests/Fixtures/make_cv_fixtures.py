#!/usr/bin/env python3
"""Reference cross-validation results for cvw's `cv` command.

scikit-learn's cross_validate with StratifiedKFold(5, shuffle=True) on
notebooks-data/purchase_intent.csv (features frequency, recency, T,
monetary_value; target bought), LogisticRegression with the L2 penalty at
C = 0.01, 0.1, 1, 10 (and no penalty), scoring roc_auc and neg_log_loss.
Stratified fold membership depends on the shuffle, so for each setting the
mean over folds is recorded for 20 shuffle seeds, with its mean and spread:
cvw's own stratified folds must land within 0.005 of sklearn's mean.

Regenerate: `make venv && .venv/bin/python Tests/EvaluationTests/Fixtures/make_cv_fixtures.py`
(scikit-learn 1.9.1, pandas 3.1.1, numpy 2.4.6).
"""
import json
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_validate

here = Path(__file__).resolve().parent
repo = here.parents[2]
data = pd.read_csv(repo / "notebooks-data" / "purchase_intent.csv")
features = ["frequency", "recency", "T", "monetary_value"]
X, y = data[features].to_numpy(), data["bought"].to_numpy()

cases = []
for C in [None, 0.01, 0.1, 1.0, 10.0]:
    model = LogisticRegression(C=np.inf if C is None else C, solver="newton-cholesky", tol=1e-10, max_iter=1000)
    auc, loss = [], []
    for seed in range(20):
        folds = StratifiedKFold(5, shuffle=True, random_state=seed)
        result = cross_validate(model, X, y, cv=folds, scoring=["roc_auc", "neg_log_loss"])
        auc.append(float(result["test_roc_auc"].mean()))
        loss.append(float(-result["test_neg_log_loss"].mean()))
    cases.append({
        "penalty": "none" if C is None else "l2", "C": C,
        "meanAUC": float(np.mean(auc)), "sdAUCAcrossSeeds": float(np.std(auc)),
        "meanLogLoss": float(np.mean(loss)), "sdLogLossAcrossSeeds": float(np.std(loss)),
        "perSeedAUC": auc, "perSeedLogLoss": loss,
    })

doc = {
    "generator": "Tests/EvaluationTests/Fixtures/make_cv_fixtures.py",
    "versions": {"scikit-learn": sklearn.__version__, "pandas": pd.__version__, "numpy": np.__version__},
    "data": "notebooks-data/purchase_intent.csv", "features": features, "target": "bought",
    "folds": "StratifiedKFold(5, shuffle=True, random_state=0..19)", "cases": cases,
}
(here / "cv_reference.json").write_text(json.dumps(doc, indent=1) + "\n")
for c in cases:
    print(c["penalty"], c["C"], round(c["meanAUC"], 5), round(c["sdAUCAcrossSeeds"], 5), round(c["meanLogLoss"], 5), round(c["sdLogLossAcrossSeeds"], 5))
