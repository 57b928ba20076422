"""Rebuild the bundled sample archive (`samples/archive/`) from the writers.

    python -m samples.generate

Deterministic: the same writers give the same bytes, hence the same hashes.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

from samples.writers import Figures, SampleDoc, cpca, cpca_api, makers, press, reprints
from warehouse.archive import Archive

ARCHIVE_DIR = Path(__file__).resolve().parent / "archive"
WRITERS = (cpca.write, cpca_api.write, makers.write, press.write, reprints.write)


def all_documents(figures: Figures | None = None) -> list[SampleDoc]:
    figures = figures or Figures()
    return [doc for write in WRITERS for doc in write(figures)]


def build(target: Path = ARCHIVE_DIR) -> Archive:
    """Write every sample into a fresh folder, then swap it in for the old one."""
    staging = target.with_name(f".{target.name}.{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    archive = Archive(staging)
    for doc in all_documents():
        archive.put(
            doc.content, url=doc.url, source=doc.source, kind=doc.kind, period=doc.period,
            content_type=doc.content_type, encoding=doc.encoding, title=doc.title,
            fetched_at=datetime.fromisoformat(doc.fetched_at),
        )
    retired = target.with_name(f".{target.name}.old.{os.getpid()}")
    if target.exists():
        os.rename(target, retired)
    os.rename(staging, target)
    shutil.rmtree(retired, ignore_errors=True)
    return Archive(target)


if __name__ == "__main__":
    archive = build()
    print(f"{len(archive.entries())} documents in {archive.root}")
