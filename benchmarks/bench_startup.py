"""Start-up cost of the command line: wall time of whole commands, as a user waits for them.

Each command runs as a subprocess; the figure is the median over ``--runs`` runs with a warm
cache (tidings.cache: the tables built from the package data are read from a cache directory),
plus one run with a cold (empty) cache directory. Every figure is set against the bare spaCy
model load (``python -c "import spacy; spacy.load(MODEL)"``), measured in the same run:

    cd benchmarks && PYTHONPATH=../src python bench_startup.py --runs 5

Targets: ``tidings extract`` of one sentence ≤ bare model load + 1.5 s; ``tidings actors lookup``
≤ 1.5 s in all, without importing spaCy.
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = "The Pakistani army shelled rebel positions near Quetta on Tuesday, officials said."


def model_name() -> str:
    sys.path.insert(0, str(ROOT / "src"))
    from tidings.nlp import resolve_model_name

    return resolve_model_name(None)


def commands(model: str, text_file: Path) -> list[tuple[str, list[str], str]]:
    py = sys.executable
    cli = [py, "-m", "tidings"]
    return [
        ("bare spaCy model load", [py, "-c", f"import spacy; spacy.load({model!r})"], "baseline"),
        ("python -m tidings --help", cli + ["--help"], "instant"),
        ("tidings schema", cli + ["schema"], "instant"),
        ("tidings actors lookup 'Imran Khan'", cli + ["actors", "lookup", "Imran Khan"], "<= 1.5 s, no spaCy"),
        ("tidings extract (one sentence)", cli + ["extract", str(text_file), "--quiet", "--date", "2024-06-15"],
         "<= bare + 1.5 s"),
        ("tidings explain (one sentence)", cli + ["explain", SENTENCE, "--date", "2024-06-15"], "<= bare + 1.5 s"),
    ]


def wall(cmd: list[str], env: dict) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of ``cmd`` (CPU: user + system time of the child, which a
    busy machine inflates much less than wall time)."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    dt = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr[-500:]}")
    return dt, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def spacy_imported(env: dict) -> bool:
    code = ("import sys; sys.argv=['tidings','actors','lookup','Imran Khan'];"
            "from tidings.cli.main import app\ntry:\n app()\nexcept SystemExit:\n pass\n"
            "print('spacy' in sys.modules, file=sys.stderr)")
    p = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    return p.stderr.strip().splitlines()[-1:] == ["True"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="warm runs per command (median reported)")
    args = ap.parse_args()
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    model = model_name()
    tmp = Path(tempfile.mkdtemp(prefix="tidings-bench-startup-"))
    try:
        text_file = tmp / "one.txt"
        text_file.write_text(SENTENCE + "\n", encoding="utf-8")
        cache = tmp / "cache"
        env["TIDINGS_CACHE_DIR"] = str(cache)
        cmds = commands(model, text_file)
        cold: dict[str, tuple[float, float]] = {}
        for label, cmd, _ in cmds:       # cold: each command with an empty cache directory
            shutil.rmtree(cache, ignore_errors=True)
            cold[label] = wall(cmd, env)
            print(f"cold  {label}: {cold[label][0]:.2f} s wall, {cold[label][1]:.2f} s CPU",
                  file=sys.stderr, flush=True)
        for _, cmd, _ in cmds:           # warm the cache (and the OS file cache) once
            wall(cmd, env)
        times: dict[str, list[tuple[float, float]]] = {label: [] for label, _, _ in cmds}
        for _ in range(args.runs):       # interleaved, so that load changes hit every command alike
            for label, cmd, _ in cmds:
                times[label].append(wall(cmd, env))
                print(f"warm  {label}: {times[label][-1][0]:.2f} s wall, {times[label][-1][1]:.2f} s CPU",
                      file=sys.stderr, flush=True)
        no_spacy = not spacy_imported(env)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    base = statistics.median(t for t, _ in times[cmds[0][0]])
    base_cpu = statistics.median(c for _, c in times[cmds[0][0]])
    try:
        load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    print(f"{platform.processor() or platform.machine()}; {os.cpu_count()} CPUs; load average {load}; "
          f"Python {platform.python_version()}; model {model}; {args.runs} warm runs, median; "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"{'command':36} {'wall s':>7} {'min-max':>11} {'- bare':>7} {'÷ bare':>6} {'CPU s':>6} {'- bare':>7}"
          f" {'cold wall':>9} {'cold CPU':>8}  target")
    for label, _, target in cmds:
        ws = [t for t, _ in times[label]]
        cs = [c for _, c in times[label]]
        med, cmed = statistics.median(ws), statistics.median(cs)
        first = label == cmds[0][0]
        diff = "" if first else f"{med - base:+.2f}"
        cdiff = "" if first else f"{cmed - base_cpu:+.2f}"
        print(f"{label:36} {med:7.2f} {min(ws):5.2f}-{max(ws):5.2f} {diff:>7} {med / base:6.2f} {cmed:6.2f} {cdiff:>7}"
              f" {cold[label][0]:9.2f} {cold[label][1]:8.2f}  {target}")
    print(f"`tidings actors lookup` imports spaCy: {'no' if no_spacy else 'YES'}")


if __name__ == "__main__":
    main()
