"""The whole `simulate` command against its engine, on the same registers, in one run.

    python3 benches/command_vs_engine.py [iterations] [rounds]

Builds the release binary and `examples/time_engine.rs`, then for each register (the shipped one
and the synthetic 60-risk one, over their four-year horizon) runs, alternately so that a slow spell
of this shared machine hits both alike:
  - the engine alone in a fresh process, once (`time_engine REGISTER N 4 1`): its first run, which
    like the command's pays for fresh memory), and its best of 5 in one process (warm memory);
  - the command `weerstand simulate REGISTER -n N --seed 1 --quiet --format json`, wall time.
Prints per register the median of each and the command's time as a multiple of the engine's, and
the spread of that multiple round by round (the command over the fresh engine of its own round:
lowest, median, highest), for the machine's speed drifts by more than a step moves the ratio, and
one run's ratio of medians alone does not show how far it could move.
"""

import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGISTERS = ["risks/ijmond-werkt-2026.yaml", "benches/data/synthetic-60.yaml"]


def engine(binary, register, n, repeats):
    out = subprocess.run(
        [binary, register, n, "4", str(repeats)], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])["engine_s"]


def command(binary, register, n):
    start = time.perf_counter()
    subprocess.run(
        [binary, "simulate", register, "-n", n, "--seed", "1", "--quiet", "--format", "json"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main():
    n = sys.argv[1] if len(sys.argv) > 1 else "1000000"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    subprocess.run(["cargo", "build", "--quiet", "--release"], cwd=ROOT, check=True)
    subprocess.run(["cargo", "build", "--quiet", "--release", "--example", "time_engine"], cwd=ROOT, check=True)
    weerstand = os.path.join(ROOT, "target", "release", "weerstand")
    time_engine = os.path.join(ROOT, "target", "release", "examples", "time_engine")
    print(f"{n} iterations, 4 years, {rounds} rounds, medians")
    print(
        "register | engine, fresh process | engine, warm (best of 5) | simulate | simulate / fresh | simulate / warm"
        " | simulate / fresh, round by round (lowest, median, highest)"
    )
    for register in REGISTERS:
        fresh, warm, whole = [], [], []
        for _ in range(rounds):
            fresh.append(engine(time_engine, register, n, 1))
            whole.append(command(weerstand, register, n))
            warm.append(engine(time_engine, register, n, 5))
        f, w, c = (statistics.median(x) * 1000 for x in (fresh, warm, whole))
        ratios = sorted(command / engine for command, engine in zip(whole, fresh))
        spread = f"{ratios[0]:.2f}, {statistics.median(ratios):.2f}, {ratios[-1]:.2f}"
        print(
            f"{os.path.basename(register)} | {f:.0f} ms | {w:.0f} ms | {c:.0f} ms | {c / f:.2f} | {c / w:.2f} | {spread}"
        )


if __name__ == "__main__":
    main()
