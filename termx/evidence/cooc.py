"""Co-occurrence evidence: logDice over segment pairs.

The strongest signal on a large corpus and meaningless on one page, so its weight grows with
the number of times the pair was seen; on small data it only breaks ties.
"""

from __future__ import annotations

import math

from termx.model import Evidence

MAX_WEIGHT = 0.5


def log_dice(joint: int, f_zh: int, f_en: int) -> float:
    return 14 + math.log2(2 * joint / (f_zh + f_en))


def evidence(joint: int, f_zh: int, f_en: int) -> Evidence:
    dice = 2 * joint / (f_zh + f_en)
    confidence = 1 - 1 / (1 + max(0, joint - 1) / 3)  # 1 sighting proves nothing
    value = MAX_WEIGHT * dice * confidence
    return Evidence(
        "cooc",
        round(value, 3),
        f"{joint}/{f_zh} zh, {joint}/{f_en} en, logDice {log_dice(joint, f_zh, f_en):.1f}",
    )
