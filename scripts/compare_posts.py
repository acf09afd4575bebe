"""Would the written social-media posts help the linear model? (measured, not shipped)

    cd scripts && OMP_NUM_THREADS=1 nice -n 10 ../.venv/bin/python compare_posts.py 0 3 6

For each weight given (0 = without the posts, the shipped 2026.2 settings), the linear model's
figures under exactly the protocol of `compare_assessment.py` (5-fold cross-validation over the
hand-labelled tweets, GoEmotions dev measure half scored by the fold-0 model), with
`datasets/calmdesk_posts.jsonl` added to the training data of every fold, each post counting
`weight` times in the loss. The posts are never tested on; the tweets are never trained on
outside their training folds. About 2-3 minutes per weight.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

import compare_assessment as compare
import numpy as np
import train_assessment as training

POSTS = training.REPO / "datasets" / "calmdesk_posts.jsonl"
FIGURES = [
    "issue accuracy",
    "emotion macro-F1",
    "challenging F1",
    "confrontational F1",
    *(f"{emotion} F1" for emotion in compare.EMOTIONS),
]


def load_posts() -> list[training.Example]:
    with open(POSTS, encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return [training._labelled(record, record["text"], "posts") for record in records]


def measure_with(posts: Sequence[training.Example], weight: float) -> tuple[dict, dict]:
    """The twitter CV and GoEmotions figures with `posts` in every fold's training data."""
    shipped_weights, shipped_goemotions = training.sample_weights, training.load_goemotions

    def sample_weights(examples: Sequence[training.Example]) -> np.ndarray:
        base = shipped_weights(examples)
        return np.where([e.source == "posts" for e in examples], weight, base)

    def load_goemotions(split: str) -> list[training.Example]:
        # cross_validate adds every fold's data to GoEmotions train: the posts ride along.
        examples = shipped_goemotions(split)
        return [*examples, *posts] if split == "train" else examples

    training.sample_weights, training.load_goemotions = sample_weights, load_goemotions
    try:
        _, measure_half = training.split_goemotions_dev(shipped_goemotions("dev"))
        tested, issues, present, first = compare.cross_validate(compare.linear_fold, None)
        go_issues, go_present = first([e.text for e in measure_half])
    finally:
        training.sample_weights, training.load_goemotions = shipped_weights, shipped_goemotions
    return (
        compare.measure(tested, issues, present),
        compare.measure(measure_half, go_issues, go_present),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("weights", nargs="+", type=float, help="loss weight of a post; 0 = none")
    arguments = parser.parse_args()
    posts = load_posts()
    columns = {}
    for weight in arguments.weights:
        chosen = posts if weight > 0 else []
        twitter, goemotions = measure_with(chosen, weight)
        columns[f"posts x{weight:g}" if chosen else "without posts"] = (twitter, goemotions)
    print(f"\n{len(posts)} posts; real = 5-fold CV over the labelled tweets\n")
    print("| figure | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    for key in FIGURES:
        cells = [f"{twitter[key]:.3f}" for twitter, _ in columns.values()]
        print(f"| real: {key} | " + " | ".join(cells) + " |")
    for key in ("emotion macro-F1", "challenging F1"):
        cells = [f"{goemotions[key]:.3f}" for _, goemotions in columns.values()]
        print(f"| GoEmotions: {key} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
