"""What the shipped ONNX models share: the WordPiece tokenizer and a CPU inference session.

Used by the event classifier (:mod:`tidings.events.classifier`) and the quote tagger
(:mod:`tidings.quotes.tagger`); run time needs ``onnxruntime`` and ``tokenizers`` only.
"""
from __future__ import annotations

import os
from typing import Any, Optional

import numpy as np


def load_tokenizer(path: str, max_len: int) -> Any:
    """The model's ``tokenizer.json`` from ``path``, truncating at ``max_len`` sub-words, unpadded."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(os.path.join(path, "tokenizer.json"))
    tok.enable_truncation(max_len)
    tok.no_padding()
    return tok


def open_session(model_file: str, threads: Optional[int] = None) -> Any:
    """An onnxruntime CPU session for ``model_file`` with ``threads`` intra-op threads (default:
    ``TIDINGS_EVENT_THREADS``, see :func:`tidings.config.env_event_threads`) and full graph
    optimisation."""
    import onnxruntime as ort

    from ..config import env_event_threads

    so = ort.SessionOptions()
    so.intra_op_num_threads = int(threads or env_event_threads())
    so.inter_op_num_threads = 1
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(model_file, so, providers=["CPUExecutionProvider"])


def pad_batch(encs: list) -> tuple[np.ndarray, np.ndarray]:
    """(input_ids, attention_mask) of a batch of ``tokenizers`` encodings, right-padded with 0 to the
    longest one."""
    n = max(len(e.ids) for e in encs)
    ids = np.zeros((len(encs), n), dtype=np.int64)
    mask = np.zeros((len(encs), n), dtype=np.int64)
    for k, e in enumerate(encs):
        ids[k, :len(e.ids)] = e.ids
        mask[k, :len(e.ids)] = 1
    return ids, mask
