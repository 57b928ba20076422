"""Turn fetched bytes into text without assuming an encoding.

Chinese sites serve both GBK and UTF-8, sometimes declaring neither or the
wrong one. Strict UTF-8 is tried first (it almost never decodes other text by
accident), then a declared charset, then either of them if only a few bytes
fail (a page cut mid-character, a damaged byte), then charset-normalizer's
detection. Decoding is tolerant: a byte that does not decode becomes U+FFFD
and `undecodable` says where, so one bad byte never loses a page.
"""

from __future__ import annotations

import codecs
import re
import threading

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
_GBK_FAMILY = {"gbk", "gb2312", "gb18030", "cp936"}
_FEW = 1 / 100  # of a document's non-ASCII bytes: as few undecodable as this, and its own encoding still reads it
_ASCII = bytes(range(128))
_NOTED = threading.local()  # the offsets `_note` sees, per decoding thread


def _note(error: UnicodeDecodeError) -> tuple[str, int]:
    _NOTED.offsets.append(error.start)
    return "\ufffd", error.end


codecs.register_error("evd-note", _note)


def declared_charset(content: bytes, content_type: str = "") -> str | None:
    match = re.search(r"charset=([A-Za-z0-9_\-]+)", content_type or "", re.I)
    if match:
        return match.group(1).lower()
    match = _META_CHARSET.search(content[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _normal(name: str) -> str:
    # GB18030 is a strict superset of GBK and GB2312: decode the family with it.
    return "gb18030" if name.lower().replace("_", "") in _GBK_FAMILY else name.lower()


def undecodable(content: bytes, encoding: str) -> list[int]:
    """The offsets of the bytes (or byte sequences) that do not decode in `encoding`; each reads as U+FFFD."""
    _NOTED.offsets = []
    content.decode(encoding, errors="evd-note")
    return _NOTED.offsets


def detect_encoding(content: bytes, content_type: str = "") -> str:
    """Name the encoding these bytes are in; a UnicodeDecodeError when no encoding reads them."""
    declared = declared_charset(content, content_type)
    candidates = ["utf-8", *([_normal(declared)] if declared and _known(_normal(declared)) else [])]
    failing = {name: undecodable(content, name) for name in candidates}
    fewest = min(candidates, key=lambda name: len(failing[name]))
    if len(failing[fewest]) <= len(content.translate(None, _ASCII)) * _FEW:
        return fewest
    best = from_bytes(content).best()
    if best is None:
        at = failing[fewest][0]
        raise UnicodeDecodeError(fewest, content, at, at + 1, f"no encoding decodes this document ({len(failing[fewest])} places fail in {fewest})")
    return _normal(best.encoding)


def _known(name: str) -> bool:
    """A text encoding Python has (not "base64", not a misspelling)."""
    try:
        b"".decode(name)
        return True
    except LookupError:
        return False


def decode(content: bytes, encoding: str | None = None, content_type: str = "") -> tuple[str, str]:
    """Text and the encoding used (a recorded encoding wins over detection; when nothing decodes the bytes,
    UTF-8 or the declared charset, whichever fails less); bytes that do not decode read as U+FFFD (see `undecodable`)."""
    if encoding and _known(_normal(encoding)):
        encoding = _normal(encoding)
    else:
        try:
            encoding = detect_encoding(content, content_type)
        except UnicodeDecodeError as exc:
            encoding = exc.encoding
    return content.decode(encoding, errors="replace"), encoding
