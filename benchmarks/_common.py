"""Shared helpers of the scale benchmarks: the corpus, word counts, machine details, peak RSS.

The corpus is ``../shared/corpora/news-2016-polnear-train.jsonl`` when present (the project's own
checkouts), else generated news-like text (so the scripts run anywhere); ``n`` larger than the
corpus repeats it (with fresh ids).
"""
from __future__ import annotations

import json
import os
import platform
import random
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CORPUS = ROOT.parent / "shared" / "corpora" / "news-2016-polnear-train.jsonl"
_WORD = re.compile(r"\S+")


def corpus_name() -> str:
    return CORPUS.name if CORPUS.exists() else "generated text (../shared absent)"


def articles(n: int) -> list[dict]:
    """``n`` articles (id, text, date, title), repeating the corpus when it is shorter."""
    base = _load_corpus() if CORPUS.exists() else _generated(min(n, 400))
    out = []
    for i in range(n):
        a = dict(base[i % len(base)])
        if i >= len(base):
            a["id"] = f"{a['id']}#{i // len(base)}"
        out.append(a)
    return out


def _load_corpus() -> list[dict]:
    docs = []
    with open(CORPUS, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            docs.append({k: d[k] for k in ("id", "text", "date", "title", "source") if d.get(k)})
    return docs


def _generated(n: int) -> list[dict]:
    rnd = random.Random(7)
    who = ["The foreign minister of Norway", "Officials in Nairobi", "Police in Lima", "The government of Chile",
           "Protesters in Tbilisi", "The UN envoy", "Rebels in the north", "The prime minister of Japan"]
    did = ["met counterparts from", "accused", "signed a trade agreement with", "demanded talks with",
           "rejected a proposal from", "threatened sanctions against", "sent aid to", "criticised"]
    whom = ["Sweden", "the opposition", "Kenyan officials", "the European Union", "Peru", "neighbouring states"]
    when = ["on Monday", "last week", "on Friday", "in March", "two days ago", ""]
    filler = ["The weather was mild and the streets were busy.", "Markets were calm.",
              "the talks lasted several hours.", "\"We want peace,\" a spokesman said.",
              "Analysts expect further meetings later this year."]
    docs = []
    for i in range(n):
        sents = []
        for _ in range(rnd.randint(12, 30)):
            if rnd.random() < 0.5:
                sents.append(f"{rnd.choice(who)} {rnd.choice(did)} {rnd.choice(whom)} {rnd.choice(when)}".strip() + ".")
            else:
                sents.append(rnd.choice(filler))
        docs.append({"id": f"gen{i}", "text": " ".join(sents), "date": "2024-0%d-1%d" % (1 + i % 9, i % 10)})
    return docs


def words(texts) -> int:
    return sum(len(_WORD.findall(t)) for t in texts)


def machine() -> str:
    try:
        load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            names = [line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    try:
        affinity = len(os.sched_getaffinity(0))
    except AttributeError:
        affinity = os.cpu_count()
    import spacy

    return (f"{cpu}; {affinity} CPUs usable; load average {load}; Python {platform.python_version()}; "
            f"spaCy {spacy.__version__}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def tree_sample(pid: int, cpu_seen: Optional[dict] = None, pss: Optional[list] = None) -> float:
    """Resident memory of a process and all its descendants (Linux /proc), in MB; when ``cpu_seen``
    is given, it is updated with each process's CPU seconds so far (user + system); when ``pss``
    (a list) is given, the tree's proportional set size in MB is appended to it (PSS counts a
    page shared by k processes as 1/k in each: the sum is the memory the tree really uses,
    where the RSS sum counts shared pages once per process)."""
    total = 0
    pss_kb = 0
    pids = [pid]
    seen = set()
    while pids:
        p = pids.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            if pss is not None:
                with open(f"/proc/{p}/smaps_rollup") as fh:
                    for line in fh:
                        if line.startswith("Pss:"):
                            pss_kb += int(line.split()[1])
                            break
            if cpu_seen is not None:
                with open(f"/proc/{p}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
                cpu_seen[p] = max(cpu_seen.get(p, 0.0), (int(fields[11]) + int(fields[12])) / _TICK)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    pids.extend(int(x) for x in fh.read().split())
        except (OSError, ValueError, IndexError):
            continue
    if pss is not None:
        pss.append(pss_kb / 1024)
    return total / 1024


def run_with_peak_rss(cmd: list[str], env: Optional[dict] = None, interval: float = 0.2,
                      cpu: Optional[dict] = None, pss: Optional[list] = None) -> tuple[int, float, float]:
    """Run ``cmd``; return (exit code, peak RSS of its whole process tree in MB, seconds). With
    ``cpu`` (a dict), the CPU seconds of every process of the tree are recorded in it by pid
    (sampled: the last ``interval`` of a process that exits is not counted); with ``pss`` (a
    list), the peak PSS of the tree in MB is appended to it."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0.0]
    samples: list = []

    def poll():
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_sample(proc.pid, cpu, samples if pss is not None else None))
            time.sleep(interval)

    th = threading.Thread(target=poll, daemon=True)
    th.start()
    _, err = proc.communicate()
    th.join()
    if proc.returncode:
        sys.stderr.write(err.decode(errors="replace")[-3000:])
    if pss is not None:
        pss.append(max(samples, default=0.0))
    return proc.returncode, peak[0], time.perf_counter() - t0


def write_jsonl(path: Path, docs: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d) + "\n")
