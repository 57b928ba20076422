"""NEV penetration in Chinese prose: the NEV share of the market's retail
("新能源车市场零售渗透率52.3%"), kept in basis points. Only the retail share
is read: 批发渗透率 (the wholesale share) is another measure, and a maker's
share of something is no market figure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.helpers import basis_points

_PENETRATION = re.compile(r"新能源[^。；;，,]{0,30}?零售渗透率(?:为|达到|达|约)?\s*(\d+(?:\.\d+)?)\s*[%％]")


@dataclass(frozen=True)
class Share:
    start: int
    end: int
    text: str
    basis_points: int


def find_penetrations(sentence: str) -> list[Share]:
    return [Share(m.start(), m.end(), m[0], basis_points(m[1])) for m in _PENETRATION.finditer(sentence)]
