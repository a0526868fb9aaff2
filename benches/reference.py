"""A reference implementation of weerstand's simulation in Python/numpy, for benchmarking.

Written as a careful numpy user would: per risk and year, occurrences and impacts are drawn for all
iterations at once (vectorised), with numpy's default generator (PCG64). It reads the same YAML
register and simulates the same model: probabilities or Poisson frequencies, fixed, uniform,
triangular, PERT, lognormal and driver-based impacts, opportunities (kans), structural recurrence,
first years, and the netto basis (measures in place scale probability and impact). PM risks and
retired risks are left out. Different random numbers, so its mean and P90 agree with weerstand's
within Monte Carlo error, not to the digit.

    python3 benches/reference.py REGISTER [iterations] [years]

prints one JSON line with the time of the simulation (reading the file excluded) and the mean and
P90 of the first year's total.
"""

import json
import math
import re
import sys
import time

import numpy as np
import yaml

Z95 = 1.6448536269514722
PROBABILITY_CLASSES = {
    "onwaarschijnlijk": 0.1,
    "mogelijk": 0.3,
    "komtgeregeldvoor": 0.5,
    "waarschijnlijk": 0.7,
    "vrijwelzeker": 0.9,
}


def norm(name):
    """Names compare without case, spaces, `_` or `-`."""
    return re.sub(r"[\s_\-]", "", str(name)).lower()


def probability(value, classes):
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip()
    if text.endswith("%"):
        return float(text[:-1].replace(",", ".")) / 100.0
    return classes[norm(text)]


def per_year(amount, years, unit):
    if isinstance(amount, dict):
        return np.array([float(amount[y]) * unit for y in years])
    return np.full(len(years), float(amount) * unit)


def drivers_of(register, years, unit):
    raw = register.get("drivers") or {}
    done = {}

    def value(name):
        if name not in done:
            spec = raw[name]
            if "sum" in spec:
                done[name] = sum(value(part) for part in spec["sum"])
            else:
                done[name] = per_year(spec["amount"], years, unit)
        return done[name]

    return {name: value(name) for name in raw}


def distribution(spec, scale):
    """(kind, parameters) of an impact distribution, amounts multiplied by `scale`."""
    if isinstance(spec, (int, float)):
        return ("fixed", (float(spec) * scale,))
    (kind, p), = spec.items()
    if kind == "fixed":
        return ("fixed", (float(p) * scale,))
    if not isinstance(p, dict):
        return ("fixed", (float(p) * scale,))
    if kind == "uniform":
        return ("uniform", (p["min"] * scale, p["max"] * scale))
    if kind == "triangular":
        return ("triangular", (p["min"] * scale, p["mode"] * scale, p["max"] * scale))
    if kind == "pert":
        lo, mode, hi = p["min"] * scale, p["mode"] * scale, p["max"] * scale
        shape = p.get("shape", 4.0)
        width = hi - lo
        return ("pert", (lo, width, 1 + shape * (mode - lo) / width, 1 + shape * (hi - mode) / width))
    if kind == "lognormal":
        lo, hi = math.log(p["p5"] * scale), math.log(p["p95"] * scale)
        return ("lognormal", ((lo + hi) / 2, (hi - lo) / (2 * Z95)))
    raise ValueError(f"unknown distribution {kind}")


def draw(rng, dist, n):
    kind, p = dist
    if kind == "fixed":
        return np.full(n, p[0])
    if kind == "uniform":
        return rng.uniform(p[0], p[1], n)
    if kind == "triangular":
        return rng.triangular(p[0], p[1], p[2], n)
    if kind == "pert":
        return p[0] + p[1] * rng.beta(p[2], p[3], n)
    return rng.lognormal(p[0], p[1], n)


def compile_register(register):
    """The quantified, active risks: (rate or probability, is_frequency, dist, scale per year,
    structural, first year index)."""
    unit = float(register["metadata"].get("unit", 1))
    first, last = register["horizon"]["first"], register["horizon"]["last"]
    years = list(range(first, last + 1))
    drivers = drivers_of(register, years, unit)
    classes = dict(PROBABILITY_CLASSES)
    for c in (register.get("classes") or {}).get("probability") or []:
        classes[norm(c["name"])] = probability(c["value"], {})
    risks = []
    for r in register["risks"]:
        status = norm(r["status"])
        impact = r["impact"]
        if status == "geenrisicomeer" or (isinstance(impact, str) and norm(impact) == "pm"):
            continue
        p_factor = i_factor = 1.0
        for m in r.get("mitigations") or []:
            if norm(m.get("state", "")) == "uitgevoerd":
                p_factor *= probability(m.get("probability_factor", 1), {})
                i_factor *= probability(m.get("impact_factor", 1), {})
        sign = -1.0 if norm(r.get("kind", "bedreiging")) == "kans" else 1.0
        if isinstance(impact, dict) and "driver" in impact:
            d = impact["driver"]
            dist = distribution(d["percent"], 0.01 * i_factor)
            scale = sign * drivers[d["name"]]
        else:
            dist = distribution(impact, unit * i_factor)
            scale = np.full(len(years), sign)
        if "frequency" in r:
            event = (float(r["frequency"]) * p_factor, True)
        else:
            event = (probability(r["probability"], classes) * p_factor, False)
        first_year = r.get("first_year", first)
        risks.append(
            {
                "event": event,
                "dist": dist,
                "scale": scale,
                "structural": norm(r.get("recurrence", "incidenteel")) == "structureel",
                "first": max(0, first_year - first),
            }
        )
    return risks, years


def simulate(risks, n, years, seed=42):
    """Per iteration and year, the summed signed loss."""
    rng = np.random.default_rng(seed)
    totals = np.zeros((years, n))
    for risk in risks:
        rate, is_frequency = risk["event"]
        recurring = np.zeros(n) if risk["structural"] else None
        for y in range(risk["first"], years):
            if is_frequency:
                counts = rng.poisson(rate, n)
                impacts = draw(rng, risk["dist"], int(counts.sum()))
                value = np.bincount(np.repeat(np.arange(n), counts), weights=impacts, minlength=n)
            else:
                occurs = rng.random(n) < rate
                value = np.where(occurs, draw(rng, risk["dist"], n), 0.0)
            if recurring is not None:
                recurring = np.where(recurring == 0.0, value, recurring)
                value = recurring
            totals[y] += value * risk["scale"][y]
    return totals


def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    years = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    with open(path, encoding="utf-8") as f:
        risks, horizon = compile_register(yaml.safe_load(f))
    years = min(years, len(horizon))
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        totals = simulate(risks, n, years)
        best = min(best, time.perf_counter() - start)
    first = totals[0]
    print(
        json.dumps(
            {
                "risks": len(risks),
                "iterations": n,
                "years": years,
                "seconds": best,
                "mean": float(first.mean()),
                "p90": float(np.quantile(first, 0.9)),
                "sd": float(first.std(ddof=1)),
            }
        )
    )


if __name__ == "__main__":
    main()
