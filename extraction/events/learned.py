"""The learned pair scorer: a logistic regression over the features of :mod:`.pairs`.

It is trained from the project's own gold (``python -m extraction train-pairs``, see
:mod:`extraction.training`) and stored as JSON under ``data/models/`` (feature weights, bias,
the decision threshold and what it was trained on), so it loads without any machine-learning
library and every weight can be read.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from ..config import data_dir
from ..errors import DataFileError

MODEL_FILE = Path("models") / "pair_model.json"
FORMAT = "reldash-pair-model/1"


@dataclass(frozen=True)
class PairModel:
    """Weights of a logistic regression: P(event) = sigmoid(bias + sum of the weights of the active features)."""

    weights: dict[str, float]
    bias: float
    threshold: float  # a triple scoring at least this is an event
    meta: dict[str, object] = field(default_factory=dict)

    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        payload = {"format": FORMAT, "bias": self.bias, "threshold": self.threshold, "meta": self.meta,
                   "weights": dict(sorted(self.weights.items()))}  # fmt: skip
        return json.dumps(payload, indent=1, sort_keys=False) + "\n"

    @classmethod
    def load(cls, path: str | Path | None = None) -> PairModel | None:
        """The model at ``path`` (default ``<data dir>/models/pair_model.json``); None when there is none.

        Raises :class:`~extraction.errors.DataFileError` for a file that is not a pair model.
        """
        path = Path(path) if path else data_dir() / MODEL_FILE
        if not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise DataFileError(f"{path}: not a {FORMAT} file")
            weights = {str(k): float(v) for k, v in data["weights"].items()}
            return cls(weights, float(data["bias"]), float(data["threshold"]), dict(data.get("meta") or {}))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise DataFileError(f"{path}: malformed pair model ({exc})") from exc
