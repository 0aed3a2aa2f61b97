"""The fitted scoring model: a logistic regression over the features of
:func:`termx.extract.score.features`, its weights read from ``weights.json`` (package data).

The runtime needs only the weights: fitting (``bench/fit.py --write``, numpy, leave-documents-out
cross-validation) is a bench step. A probability is ``1 / (1 + exp(-(bias + Σ wᵢ·zᵢ)))`` where
``zᵢ`` is feature i standardised by the mean and scale the fit saw, so each term
``wᵢ·zᵢ`` is that feature's contribution in log-odds, and the evidence column names the largest.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from termx.errors import TermxError
from termx.model import Evidence

NAME = "model"
WEIGHTS = "weights.json"


@dataclass(frozen=True)
class Model:
    """A standardised logistic regression: ``names`` (feature names), their ``mean`` and
    ``scale``, ``weights`` and ``bias``; ``command`` says how it was fitted."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    command: str = ""

    def contributions(self, values: Sequence[float]) -> list[float]:
        """Each feature's share of the log-odds."""
        if len(values) != len(self.names):
            raise ValueError(f"{len(values)} feature values for {len(self.names)} weights")
        return [
            w * (v - m) / s
            for w, v, m, s in zip(self.weights, values, self.mean, self.scale, strict=True)
        ]

    def probability(self, values: Sequence[float]) -> float:
        """The calibrated probability that the pair is right, to four places."""
        z = self.bias + sum(self.contributions(values))
        return round(1 / (1 + math.exp(-max(-30.0, min(30.0, z)))), 4)

    def explain(self, values: Sequence[float], top: int = 3) -> Evidence:
        """An evidence line: the probability and the features that moved it most, in words."""
        parts = sorted(
            zip(self.names, self.contributions(values), strict=True), key=lambda p: -abs(p[1])
        )[:top]
        reason = ", ".join(f"{name} {value:+.1f}" for name, value in parts)
        return Evidence(NAME, self.probability(values), f"fitted: {reason} (log-odds)")

    def as_dict(self) -> dict[str, object]:
        return {
            "command": self.command,
            "bias": self.bias,
            "features": [
                {"name": n, "mean": m, "scale": s, "weight": w}
                for n, m, s, w in zip(self.names, self.mean, self.scale, self.weights, strict=True)
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, object], name: str = WEIGHTS) -> Model:
        """The model a ``weights.json`` describes; a malformed one is a :class:`TermxError`."""
        try:
            rows = data["features"]
            assert isinstance(rows, list)
            return cls(
                tuple(str(r["name"]) for r in rows),
                tuple(float(r["mean"]) for r in rows),
                tuple(float(r["scale"]) or 1.0 for r in rows),
                tuple(float(r["weight"]) for r in rows),
                float(data["bias"]),  # type: ignore[arg-type]
                str(data.get("command", "")),
            )
        except (KeyError, TypeError, ValueError, AssertionError) as error:
            raise TermxError(f"{name}: not a termx model ({error})") from None


# Read-only package data: loaded once per process, like CC-CEDICT.
@lru_cache(maxsize=1)
def load_model(path: str | None = None) -> Model:
    """The shipped model (or the one in ``path``), checked against today's feature names."""
    from termx.extract.score import FEATURES

    if path is None:
        text = resources.files("termx.extract").joinpath(WEIGHTS).read_text("utf-8")
    else:
        text = Path(path).read_text("utf-8")
    model = Model.from_dict(json.loads(text), path or WEIGHTS)
    if model.names != FEATURES:
        raise TermxError(f"{path or WEIGHTS}: fitted on other features; run bench/fit.py --write")
    return model
