"""Can the linear model reach the GoEmotions targets and keep the real-message figures?

    cd scripts && OMP_NUM_THREADS=1 nice -n 10 ../.venv/bin/python compare_goemotions.py \\
        shipped vocab250k nb nb-mix fine-max emotions-c8                   # ~13 min
    cd scripts && OMP_NUM_THREADS=1 nice -n 10 ../.venv/bin/python compare_goemotions.py \\
        shipped nb-mix25 nb-mix nb-mix75                                    # ~8 min
    cd scripts && OMP_NUM_THREADS=1 nice -n 10 ../.venv/bin/python compare_goemotions.py \\
        --fold0 shipped vocab400k nb+ch nb-mix+ch fine-mean emotions-c16 \\
        challenging-c1 challenging-c16                                      # ~3 min

Trains each setting under exactly the protocol of `compare_assessment.py` (its
`cross_validate`: the same folds, tuning sets and pooled 5-fold cross-validation over the 622
hand-labelled tweets; GoEmotions dev measure half scored by the fold-0 model) and prints the
figures side by side. The first setting should be `shipped`, the 2026.2 recipe
(`train_assessment.train_linear`, re-stated here so settings can share a fold's
featurisation); it reproduces the published figures, and the script checks that its
predictions are the ones `cross_validate` scored. Settings:

- `shipped`: 120,000 features, plain logistic regression heads;
- `vocab250k`, `vocab400k`: the same with a larger vocabulary (capped by the document
  frequency floor of 2: about 125,000 features exist in a fold);
- `nb`: the five emotion heads trained on NB-weighted features (Wang & Manning's NBSVM:
  each feature scaled by its log-count ratio r for that label, from the fold's training
  data, binary counts weighted as in the loss, smoothing 1). w . (x * r) = (w * r) . x, so
  the stored weights would be w * r and prediction code would not change;
- `nb-mix`: the mean of the `nb` and plain emotion heads (NBSVM's interpolation; still one
  linear head); `nb-mixNN`: NN% NB;
- `+ch` after an NB setting: the challenging head NB-weighted too;
- `fine-max`, `fine-mean`: angry, frustrated, upset and anxious each scored by one head per
  GoEmotions fine label behind it (anger, disgust...; our and the twitter messages train each
  such head with the coarse label), combined by the max or the mean of their logits;
- `emotions-cN`, `challenging-cN`: the five emotion heads or the challenging head with C=N
  (shipped: 4);
- `<setting>@250k` / `@400k`: an NB setting on a larger vocabulary.

`--fold0` trains fold 0 only and reports GoEmotions alone (a screen: the real figures need
all five folds). Also reports each fold-0 model's weights file size and load time. Each
fold's document frequencies and feature matrices are computed once for every setting that
needs them. Figures in docs/assessment-model.md ("Tuning").
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np
import train_assessment as training
from compare_assessment import cross_validate, measure, measure_twitter
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from calmdesk.core.assessment.features import Featuriser, extract_grams
from calmdesk.core.assessment.labels import BINARY_LABELS, EMOTIONS, ISSUES
from calmdesk.core.assessment.model import TextModel

Example = training.Example
SIZES = {"": 120_000, "@250k": 250_000, "@400k": 400_000}
EMOTION_COLUMNS = [len(ISSUES) + BINARY_LABELS.index(name) for name in EMOTIONS]
SHOWN = (
    "issue accuracy",
    "emotion macro-F1",
    "challenging F1",
    "confrontational F1",
    *(f"{emotion} F1" for emotion in EMOTIONS),
)


class FoldFeatures:
    """One fold's document frequencies, featurisers and feature matrices, built once."""

    def __init__(self, train: Sequence[Example]) -> None:
        self.texts = [e.text for e in train]
        self.document_frequency: Counter[str] = Counter()
        for text in self.texts:
            self.document_frequency.update({key for key, _, _ in extract_grams(text)})
        self.cache: dict[int, tuple[Featuriser, sparse.csr_matrix]] = {}

    def get(self, max_features: int) -> tuple[Featuriser, sparse.csr_matrix]:
        """As `training.build_featuriser` and `training.feature_matrix` (same code)."""
        if max_features not in self.cache:
            df = self.document_frequency
            frequent = [key for key, count in df.items() if count >= 2]
            frequent.sort(key=lambda key: (-df[key], key))
            kept = sorted(frequent[:max_features])
            count = len(self.texts)
            idf = np.array([math.log((1 + count) / (1 + df[key])) + 1 for key in kept], np.float32)
            featuriser = Featuriser({key: i for i, key in enumerate(kept)}, idf)
            self.cache[max_features] = (
                featuriser,
                training.feature_matrix(featuriser, self.texts),
            )
        return self.cache[max_features]


def finish(
    featuriser: Featuriser,
    weights: np.ndarray,
    bias: np.ndarray,
    head: np.ndarray,
    head_bias: float,
    dev_sets: Sequence[Sequence[Example]],
) -> TextModel:
    """The end of `training.train_linear`: float16 weights, thresholds tuned on them."""
    model = TextModel(
        version=training.MODEL_VERSION,
        featuriser=featuriser,
        weights=weights.astype(np.float16).astype(np.float32),
        bias=bias.astype(np.float32),
        thresholds=np.full(len(BINARY_LABELS), 0.5, np.float32),
        challenging=(head.astype(np.float16).astype(np.float32), head_bias, 0.5),
    )
    texts = [[e.text for e in dev] for dev in dev_sets]
    scored = [(model.raw_scores(t)[1], dev) for t, dev in zip(texts, dev_sets, strict=True)]
    scored += [scored[-1]] * (training.TWITTER_TUNING_COUNT - 1)
    model.thresholds = training.tune_thresholds(scored).astype(np.float32)
    threshold = training.tune_challenging_threshold(
        [(model.challenging_scores(t), dev) for t, dev in zip(texts, dev_sets, strict=True)]
    )
    model.challenging = (model.challenging[0], model.challenging[1], threshold)
    return model


def log_count_ratio(
    features: sparse.csr_matrix, targets: np.ndarray, weight: np.ndarray, alpha: float = 1.0
) -> np.ndarray:
    """NBSVM's r: log of the (smoothed, normalised) positive over negative binary counts."""
    present = features.copy()
    present.data[:] = 1.0
    positive = present.T @ (weight * (targets == 1)) + alpha
    negative = present.T @ (weight * (targets == 0)) + alpha
    return np.log((positive / positive.sum()) / (negative / negative.sum()))


def nb_head(
    features: sparse.csr_matrix, targets: np.ndarray, weight: np.ndarray
) -> tuple[np.ndarray, float]:
    """A binary head on NB-weighted features: its folded weights (w * r) and bias."""
    r = log_count_ratio(features, targets, weight)
    head = LogisticRegression(
        C=training.BINARY_C, solver="liblinear", max_iter=2000, random_state=0
    )
    head.fit(features @ sparse.diags(r), targets, sample_weight=weight)
    return head.coef_[0] * r, float(head.intercept_[0])


def nb_emotion_heads(
    features: sparse.csr_matrix, train: Sequence[Example]
) -> dict[int, tuple[np.ndarray, float]]:
    """Per emotion column: the NB-weighted head's folded weights and bias."""
    weight = training.sample_weights(train)
    heads = {}
    for name, column in zip(EMOTIONS, EMOTION_COLUMNS, strict=True):
        known = np.array([name in e.labels for e in train])
        targets = np.array([e.labels[name] for e in train if name in e.labels])
        heads[column] = nb_head(features[known], targets, weight[known])
    return heads


def parse(name: str) -> tuple[str, bool, int]:
    """A setting's name as (emotion heads: shipped / nb / nb-mix, NB challenging head too,
    vocabulary size): `vocab250k`, `nb`, `nb-mix+ch`, `nb-mix@400k`..."""
    left, _, size_name = name.partition("@")
    base, _, flag = left.partition("+")
    size = SIZES["@" + size_name if size_name else ""]
    if base.startswith("vocab"):
        size = int(base.removeprefix("vocab").removesuffix("k")) * 1000
        base = "shipped"
    known = ("shipped", "nb", "nb-mix", "fine-max", "fine-mean")
    c_setting = base.startswith(("emotions-c", "challenging-c", "nb-mix"))
    if (base not in known and not c_setting) or flag not in ("", "ch"):
        raise SystemExit(f"unknown setting {name}")
    return base, flag == "ch", size


def mixed(plain: np.ndarray, plain_bias: float, nb: np.ndarray, nb_bias: float, base: str):
    """`nb`: the NB head; `nb-mix`: the mean of both; `nb-mixNN`: NN% NB."""
    share = 1.0 if base == "nb" else float(base.removeprefix("nb-mix") or 50) / 100
    return share * nb + (1 - share) * plain, share * nb_bias + (1 - share) * plain_bias


FINE_LABELS: dict[str, set[str]] = {}


def train_settings(
    names: Sequence[str], train: list[Example], dev_sets: list[list[Example]]
) -> dict[str, TextModel]:
    started = time.perf_counter()
    fold = FoldFeatures(train)
    plain: dict[int, tuple] = {}
    nb: dict[int, dict] = {}
    nb_challenging: dict[int, tuple[np.ndarray, float]] = {}
    models = {}
    for name in names:
        base, challenging_too, size = parse(name)
        featuriser, features = fold.get(size)
        if size not in plain:
            weights, bias = training.fit_heads(features, train)
            head, head_bias = training.fit_challenging_head(features, train)
            plain[size] = (weights, bias, head, head_bias)
        weights, bias, head, head_bias = plain[size]
        weights, bias = weights.copy(), bias.copy()
        if base.startswith("emotions-c"):
            c = float(base.removeprefix("emotions-c"))
            weight = training.sample_weights(train)
            for label, column in zip(EMOTIONS, EMOTION_COLUMNS, strict=True):
                known = np.array([label in e.labels for e in train])
                targets = np.array([e.labels[label] for e in train if label in e.labels])
                fitted = LogisticRegression(C=c, solver="liblinear", max_iter=2000, random_state=0)
                fitted.fit(features[known], targets, sample_weight=weight[known])
                weights[:, column], bias[column] = fitted.coef_[0], fitted.intercept_[0]
        elif base.startswith("challenging-c"):
            c = float(base.removeprefix("challenging-c"))
            head, head_bias = training.fit_challenging_head(features, train, c=c)
        elif base.startswith("fine"):
            shipped = finish(featuriser, weights, bias, head, head_bias, dev_sets)
            how = base.removeprefix("fine-")
            models[name] = fine_model(shipped, features, train, FINE_LABELS, how, dev_sets)
            print(f"  {name}: fine heads ({time.perf_counter() - started:.0f} s)")
            continue
        if base == "nb" or base.startswith("nb-mix"):
            if size not in nb:
                nb[size] = nb_emotion_heads(features, train)
            for column, (nb_weights, nb_bias) in nb[size].items():
                weights[:, column], bias[column] = mixed(
                    weights[:, column], bias[column], nb_weights, nb_bias, base
                )
            if challenging_too:
                if size not in nb_challenging:
                    targets = np.array([training.challenging(e) for e in train])
                    nb_challenging[size] = nb_head(
                        features, targets, training.sample_weights(train)
                    )
                head, head_bias = mixed(head, head_bias, *nb_challenging[size], base)
        models[name] = finish(featuriser, weights, bias, head, head_bias, dev_sets)
        print(f"  {name}: {featuriser.size} features ({time.perf_counter() - started:.0f} s)")
    return models


# GoEmotions' fine labels behind each emotion with more than one (confused has one).
FINE = {label: names for label, names in training.GOEMOTIONS_MAP.items() if len(names) > 1}


def load_fine_labels() -> dict[str, set[str]]:
    """GoEmotions train comment id -> its fine emotion names."""
    folder = training.SHARED_DATA / "goemotions"
    names = (folder / "labels.txt").read_text().split()
    fine = {}
    with open(folder / "train.tsv", newline="", encoding="utf-8") as handle:
        for _, label_ids, comment_id in csv.reader(handle, delimiter="\t", quoting=3):
            fine[comment_id] = {names[int(i)] for i in label_ids.split(",")}
    return fine


class FineModel:
    """A shipped-style model whose multi-source emotions are scored by one head per
    GoEmotions fine label (our and the twitter messages train each with their coarse label),
    combined per emotion by the max of their logits or their mean (the mean is one linear
    head again: the fine heads' mean weights)."""

    def __init__(self, base: TextModel, weights, bias, groups, how: str) -> None:
        self.base = base
        self.fine_weights = weights.astype(np.float16).astype(np.float32)
        self.fine_bias = bias.astype(np.float32)
        self.groups = groups  # (emotion column in the logits, fine columns)
        self.how = how

    def logits(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        featuriser = self.base.featuriser
        transformed = [featuriser.transform(text) for text in texts]
        logits = self.base._logits(transformed)
        rows = np.repeat(np.arange(len(texts)), [len(i) for i, _ in transformed])
        matrix = sparse.csr_matrix(
            (
                np.concatenate([v for _, v in transformed]),
                (rows, np.concatenate([i for i, _ in transformed])),
            ),
            shape=(len(texts), featuriser.size),
        )
        fine = matrix @ self.fine_weights + self.fine_bias
        for column, members in self.groups:
            combine = np.max if self.how == "max" else np.mean
            logits[:, column] = combine(fine[:, members], axis=1)
        known = np.array([len(i) > 0 for i, _ in transformed])
        return logits, known

    def raw_scores(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        logits, _ = self.logits(texts)
        return None, 1.0 / (
            1.0 + np.exp(-logits[:, len(ISSUES) : len(ISSUES) + len(BINARY_LABELS)])
        )

    def decide(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        logits, known = self.logits(texts)
        issue_logits = logits[:, : len(ISSUES)]
        return issue_logits, self.base._present(logits, known)

    def save(self, path: Path) -> None:
        self.base.save(path)
        np.savez_compressed(
            path.with_name("fine.npz"), weights=self.fine_weights.astype(np.float16)
        )


def fine_model(
    base: TextModel,
    features: sparse.csr_matrix,
    train: Sequence[Example],
    fine_labels: dict[str, set[str]],
    how: str,
    dev_sets: Sequence[Sequence[Example]],
) -> FineModel:
    weight = training.sample_weights(train)
    heads, biases, groups = [], [], []
    for label, names in FINE.items():
        column = len(ISSUES) + BINARY_LABELS.index(label)
        members = []
        for name in names:
            targets = np.array(
                [
                    int(name in fine_labels[e.key]) if e.source == "goemotions" else e.labels[label]
                    for e in train
                ]
            )
            head = LogisticRegression(
                C=training.BINARY_C, solver="liblinear", max_iter=2000, random_state=0
            )
            head.fit(features, targets, sample_weight=weight)
            members.append(len(heads))
            heads.append(head.coef_[0])
            biases.append(head.intercept_[0])
        groups.append((column, members))
    model = FineModel(base, np.stack(heads, axis=1), np.array(biases), groups, how)
    texts = [[e.text for e in dev] for dev in dev_sets]
    scored = [(model.raw_scores(t)[1], dev) for t, dev in zip(texts, dev_sets, strict=True)]
    scored += [scored[-1]] * (training.TWITTER_TUNING_COUNT - 1)
    base.thresholds = training.tune_thresholds(scored).astype(np.float32)
    return model


class FoldZeroOnly(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("settings", nargs="*", default=["shipped", "vocab250k", "nb", "nb-mix"])
    parser.add_argument("--fold0", action="store_true", help="fold 0 only: GoEmotions figures")
    arguments = parser.parse_args()
    names = arguments.settings
    if any(name.startswith("fine") for name in names):
        FINE_LABELS.update(load_fine_labels())
    fold_models: list[dict[str, TextModel]] = []

    def make(train, dev_sets):
        fold_models.append(train_settings(names, train, dev_sets))
        if arguments.fold0:
            raise FoldZeroOnly
        model = fold_models[-1][names[0]]

        def predict(texts):
            issue_probabilities, present = model.decide(texts)
            return issue_probabilities.argmax(axis=1), present

        return predict

    real: dict[str, dict] = {}
    try:
        tested, issues, present, _ = cross_validate(make, None)
    except FoldZeroOnly:
        pass
    else:
        twitter_folds = training.split_folds(training.load_twitter())
        for name in names:
            decided = [
                models[name].decide([e.text for e in fold])
                for models, fold in zip(fold_models, twitter_folds, strict=True)
            ]
            setting_issues = np.concatenate([d[0].argmax(axis=1) for d in decided])
            setting_present = np.concatenate([d[1] for d in decided])
            if name == names[0]:
                assert (setting_issues == issues).all()
                assert (setting_present == present).all()
            real[name] = measure_twitter(tested, setting_issues, setting_present)

    _, goemotions = training.split_goemotions_dev(training.load_goemotions("dev"))
    go_texts = [e.text for e in goemotions]
    columns = {}
    for name in names:
        model = fold_models[0][name]
        go_issues, go_present = model.decide(go_texts)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "model.npz"
            model.save(path)
            megabytes = sum(file.stat().st_size for file in Path(folder).iterdir()) / 1e6
            started = time.perf_counter()
            TextModel.from_file(path)  # fine heads: the base model only
            load = time.perf_counter() - started
        columns[name] = (
            real.get(name, {}),
            measure(goemotions, go_issues, go_present),
            megabytes,
            load,
        )

    print(
        "\nreal = 5-fold CV over the 622 labelled tweets (all / first messages); "
        "GoEmotions = dev measure half, fold-0 model\n"
    )
    print("| figure | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    if real:
        for key in SHOWN:
            cells = [
                f"{twitter[key]:.3f} / {twitter['(first) ' + key]:.3f}"
                for twitter, *_ in columns.values()
            ]
            print(f"| real: {key} | " + " | ".join(cells) + " |")
        cells = [
            f"{t['confrontational P']:.3f} / {t['confrontational R']:.3f}"
            for t, *_ in columns.values()
        ]
        print("| real: confrontational P / R (all) | " + " | ".join(cells) + " |")
    for key in SHOWN:
        if key == "issue accuracy" or key.startswith("confrontational"):
            continue
        cells = [f"{go[key]:.3f}" for _, go, *_ in columns.values()]
        print(f"| GoEmotions: {key} | " + " | ".join(cells) + " |")
    cells = [f"{mb:.1f} MB, {load:.2f} s" for _, _, mb, load in columns.values()]
    print("| weights file (fold 0), load | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
