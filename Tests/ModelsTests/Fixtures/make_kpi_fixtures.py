"""Reference customer KPIs for CDNOW, computed with pandas from the same
definitions as Sources/Models/CustomerKPIs.swift, written to
kpi_cdnow_quarters.csv (the four quarters of 1997) and kpi_cdnow_months.csv
(every month of the log, 1997-01 … 1998-06).

Definitions (set operations here, a one-pass count in Swift):
  orders       purchase days: a customer's transactions on one day are one order
  active E     customers with an order in the period
  new          customers whose first order ever is in the period
  S            customers active in the previous period (same kind)
  retained R   |active ∩ active in the previous period|
  reactivated  E − new − R
  repeat       active customers with ≥ 2 orders in the period
  CRR = R/S, churn = 1 − CRR, AOV = revenue/orders, frequency = orders/E,
  lifetime = 1/churn, historical CLV = AOV × frequency × lifetime

Run: /work/venv/bin/python Tests/ModelsTests/Fixtures/make_kpi_fixtures.py
(pandas 3.1.1, numpy 2).
"""
from pathlib import Path

import numpy as np
import pandas as pd

here = Path(__file__).resolve().parent
root = here.parents[2]
log = pd.read_csv(root / "notebooks-data/transactions.csv", dtype={"customer_id": str}, parse_dates=["date"])
orders = log.groupby(["customer_id", "date"], as_index=False)["amount"].sum()
first_order = orders.groupby("customer_id")["date"].min()


def kpis(freq, periods):
    orders_p = orders.assign(period=orders["date"].dt.to_period(freq))
    first_p = first_order.dt.to_period(freq)
    rows = []
    for label in periods:
        p = pd.Period(label, freq=freq)
        now = orders_p[orders_p["period"] == p]
        before = orders_p[orders_p["period"] == p - 1]
        active = set(now["customer_id"])
        previous = set(before["customer_id"])
        new = int((first_p == p).sum())
        retained = len(active & previous)
        counts = now.groupby("customer_id").size()
        E, S, n_orders = len(active), len(previous), len(now)
        revenue = float(now["amount"].sum())
        crr = retained / S if S else np.nan
        churn = 1 - crr if S else np.nan
        aov = revenue / n_orders if n_orders else np.nan
        frequency = n_orders / E if E else np.nan
        lifetime = 1 / churn if S and churn > 0 else np.nan
        rows.append({
            "period": label,
            "active_customers": E,
            "new_customers": new,
            "reactivated_customers": E - new - retained,
            "retained_customers": retained,
            "customers_at_start": S,
            "retention_rate": crr,
            "churn_rate": churn,
            "repeat_customers": int((counts >= 2).sum()),
            "repeat_purchase_rate": (counts >= 2).sum() / E if E else np.nan,
            "orders": n_orders,
            "revenue": revenue,
            "average_order_value": aov,
            "purchase_frequency": frequency,
            "average_lifetime": lifetime,
            "historical_clv": aov * frequency * lifetime,
        })
    return pd.DataFrame(rows)


kpis("Q", ["1997Q1", "1997Q2", "1997Q3", "1997Q4"]).assign(
    period=lambda d: d["period"].str.replace("Q", "-Q")
).to_csv(here / "kpi_cdnow_quarters.csv", index=False, float_format="%.17g")
months = [str(p) for p in pd.period_range("1997-01", "1998-06", freq="M")]
kpis("M", months).to_csv(here / "kpi_cdnow_months.csv", index=False, float_format="%.17g")
