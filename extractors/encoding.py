"""Turn fetched bytes into text without assuming an encoding.

Chinese sites serve both GBK and UTF-8, sometimes declaring neither or the
wrong one. Strict UTF-8 is tried first (it almost never decodes other text by
accident), then a declared charset, then charset-normalizer's detection.
"""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
_GBK_FAMILY = {"gbk", "gb2312", "gb18030", "cp936"}


def declared_charset(content: bytes, content_type: str = "") -> str | None:
    match = re.search(r"charset=([A-Za-z0-9_\-]+)", content_type or "", re.I)
    if match:
        return match.group(1).lower()
    match = _META_CHARSET.search(content[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _normal(name: str) -> str:
    # GB18030 is a strict superset of GBK and GB2312: decode the family with it.
    return "gb18030" if name.lower().replace("_", "") in _GBK_FAMILY else name.lower()


def detect_encoding(content: bytes, content_type: str = "") -> str:
    """Name the encoding these bytes are in."""
    try:
        content.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared_charset(content, content_type)
    if declared:
        try:
            content.decode(_normal(declared))
            return _normal(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    best = from_bytes(content).best()
    if best is None:
        raise UnicodeDecodeError("unknown", content[:16], 0, 1, "no encoding decodes this document")
    return _normal(best.encoding)


def decode(content: bytes, encoding: str | None = None, content_type: str = "") -> tuple[str, str]:
    """Text and the encoding used; a recorded encoding wins over detection."""
    encoding = _normal(encoding) if encoding else detect_encoding(content, content_type)
    return content.decode(encoding), encoding
