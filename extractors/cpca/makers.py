"""CPCA's rule for makers nobody has mapped: on its maker flashes, a maker the
entity list does not know is kept under a slug of its printed name and flagged
in the figure's evidence ("unmapped maker name …"), never dropped.

The shared readers skip such a count (a press story's unknown name is no
figure of anyone we know) but say what it would state; CPCA's rankings name
makers and nothing else in their maker column and clauses, so the count is a
maker's. Words that head a market total or a remainder (合计, 其他 …) are no maker,
nor is a name of punctuation only (its slug would be empty): that count stays skipped.
"""

from __future__ import annotations

import dataclasses
import re

from extractors.helpers import slug
from extractors.prose import Reading, Statement

UNMAPPED = "unmapped maker name"

_NOT_A_MAKER = re.compile(r"合计|总计|全国|市场|乘用车|新能源|行业|其他|出口|纯电动|插混|增程|零售|批发|生产")


def unmapped_makers(reading: Reading) -> list[Statement]:
    """The counts the readers skipped only for their maker's being unknown, each under its slug and flagged."""
    return [
        dataclasses.replace(stated, entity=slug(stated.entity), evidence=f"{UNMAPPED} {stated.entity!r}: {stated.evidence}")
        for skipped in reading.skipped
        if (stated := skipped.unknown_maker) is not None and slug(stated.entity) and not _NOT_A_MAKER.search(stated.entity)
    ]
