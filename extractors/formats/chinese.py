"""Chinese script: traditional → simplified through OpenCC, and the pinyin
glosses some reprints print after characters ("乘聯(lián)會")."""

from __future__ import annotations

import re
from functools import lru_cache

_CJK = re.compile(r"[\u4e00-\u9fff]")
_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7})\)")
# Characters that exist only in traditional script; a handful is enough to tell.
_TRADITIONAL = set("萬輛聯會銷單與這個們說為發車點實現經過進線時長區開關來業體國資產際價對後處區臺")


def cjk_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if _CJK.match(c)) / len(letters) if letters else 0.0


def is_traditional(text: str) -> bool:
    chars = [c for c in text if _CJK.match(c)]
    return bool(chars) and sum(1 for c in chars if c in _TRADITIONAL) / len(chars) > 0.01


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def strip_glosses(text: str) -> str:
    return _GLOSS.sub("", text)


def to_simplified(text: str) -> str:
    return _converter().convert(strip_glosses(text))
