"""weerstand's engine against the numpy reference and the floor, on the same registers, in one run.

    python3 benches/against_numpy.py [iterations] [years]

Builds and runs `examples/time_engine.rs` (the engine and the floor, best of 5, once before and once
after numpy: best of 10) and `benches/reference.py` (numpy, best of 3) on the shipped register and
the synthetic 60-risk register, and prints the time of each, the ratios, and the mean and P90 of
the first year from both, with their difference in standard errors: the two use different random
numbers, so they must agree within Monte Carlo error, not to the digit. Needs numpy and pyyaml
(`pip install numpy pyyaml`).
"""

import json
import math
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGISTERS = ["risks/ijmond-werkt-2026.yaml", "benches/data/synthetic-60.yaml"]


def run_json(command):
    out = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    n = sys.argv[1] if len(sys.argv) > 1 else "1000000"
    years = sys.argv[2] if len(sys.argv) > 2 else "1"
    subprocess.run(
        ["cargo", "build", "--quiet", "--release", "--example", "time_engine"], cwd=ROOT, check=True
    )
    engine_bin = os.path.join(ROOT, "target", "release", "examples", "time_engine")
    failed = False
    for register in REGISTERS:
        # The engine's five runs take a fraction of a second, numpy's three many seconds: timing the
        # engine on both sides of numpy lets a slow spell of this shared machine hit both alike.
        before = run_json([engine_bin, register, n, years, "5"])
        numpy = run_json([sys.executable, os.path.join(ROOT, "benches", "reference.py"), register, n, years])
        rust = run_json([engine_bin, register, n, years, "5"])
        rust["engine_s"] = min(rust["engine_s"], before["engine_s"])
        rust["floor_s"] = min(rust["floor_s"], before["floor_s"])
        iterations = rust["iterations"]
        # Standard errors of the mean and, for a roughly normal total, of the P90.
        se_mean = math.hypot(rust["sd"], numpy["sd"]) / math.sqrt(iterations)
        density = math.exp(-0.5 * 1.2816**2) / math.sqrt(2 * math.pi)
        se_p90 = math.sqrt(0.9 * 0.1 / iterations) / density * math.hypot(rust["sd"], numpy["sd"])
        d_mean = (rust["mean"] - numpy["mean"]) / se_mean
        d_p90 = (rust["p90"] - numpy["p90"]) / se_p90
        failed |= abs(d_mean) > 4 or abs(d_p90) > 4
        print(f"{register}: {rust['risks']} risks x {iterations:,} iterations x {rust['years']} year(s), "
              f"{rust['threads']} threads")
        print(f"  engine {rust['engine_s'] * 1000:8.1f} ms")
        print(f"  floor  {rust['floor_s'] * 1000:8.1f} ms   engine / floor = {rust['engine_s'] / rust['floor_s']:.2f}")
        print(f"  numpy  {numpy['seconds'] * 1000:8.1f} ms   numpy / engine = {numpy['seconds'] / rust['engine_s']:.1f}")
        print(f"  mean   engine {rust['mean']:14,.0f}   numpy {numpy['mean']:14,.0f}   difference {d_mean:+.2f} SE")
        print(f"  P90    engine {rust['p90']:14,.0f}   numpy {numpy['p90']:14,.0f}   difference {d_p90:+.2f} SE")
    if failed:
        print("the engine and the reference disagree by more than 4 standard errors")
        sys.exit(1)


if __name__ == "__main__":
    main()
