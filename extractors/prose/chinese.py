"""Reading figures out of Chinese prose (simplified; traditional text is
converted by the format layer before it gets here)."""

from __future__ import annotations

from extractors.prose.model import Context, Reading


def read_statements(text: str, context: Context) -> Reading:
    """Every vehicle count in Chinese prose that can be tied to entity, metric and period."""
    return Reading()
