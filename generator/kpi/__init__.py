"""The KPI engine: catalogue, targets from rules, results from data, exact ratios."""
