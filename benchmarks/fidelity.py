"""Fidelity: how much of what a careful reader finds in real documents the parsers find.

    python benchmarks/fidelity.py DIR [--doc NAME] [--show] [--json]

DIR is laid out like `../shared/real-corpus`: documents (in DIR/docs/ or DIR
itself) and `expected.json`, keyed by file name, each with `expect` (figures:
entity, metric, scope?, period, value, qualifier, yoy_pct?, cites?),
`forbid_values` and `must_fail`. A document may open with `URL: …` and
`Retrieved-from: …` lines and a blank line; the URL is kept as provenance (it
may date the document), the lines are not part of the text.

Each document goes through the same path as `ev-deliveries extract FILE`
(no --source): recognised by content, then read. Scored:
- found: an expected figure emitted with the same entity, metric, period and
  value (and scope, where the expectation states one);
- wrong: an emitted figure on an expected key (entity, metric, scope, period)
  whose value no expectation of that key has, or whose value is forbidden;
- unexpected: an emitted figure matching no expectation and not wrong (reported, not
  scored: a figure under a key the expectations do not name may still be wrong);
- refused: a document with expected figures that yielded none;
- must_fail: documents that should yield nothing and did (they must fail clearly);
- qualifier, yoy and cites agreement, over found figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.base import Document, Figure, ParseError  # noqa: E402
from extractors.registry import extract  # noqa: E402


def corpus_document(path: Path) -> Document:
    """A corpus file as a Document: its `URL:` header kept as provenance, the header lines dropped."""
    raw = path.read_bytes()
    url = ""
    if raw.startswith(b"URL: "):
        header, _, rest = raw.partition(b"\n\n")
        for line in header.decode("utf-8", "replace").splitlines():
            if line.startswith("URL: "):
                url = line[5:].strip()
        raw = rest
    return Document(content=raw, sha256=hashlib.sha256(raw).hexdigest(), url=url or path.resolve().as_uri())


@dataclass
class Score:
    name: str
    expected: int = 0
    found: int = 0
    emitted: int = 0
    wrong: int = 0
    unexpected: int = 0
    refused: bool = False
    must_fail: bool = False
    failed_clearly: bool = False
    qualifier_ok: int = 0
    yoy_stated: int = 0
    yoy_ok: int = 0
    cites_stated: int = 0
    cites_ok: int = 0
    error: str = ""
    missing: list = field(default_factory=list)
    wrong_figures: list = field(default_factory=list)
    unexpected_figures: list = field(default_factory=list)


def _matches(expect: dict, figure: Figure) -> bool:
    return (
        figure.entity == expect["entity"] and figure.metric == expect["metric"] and figure.period == expect["period"]
        and figure.value == expect["value"] and figure.scope == expect.get("scope", figure.scope)
        and figure.segment == expect.get("segment", figure.segment)
    )


def _on_key(expect: dict, figure: Figure) -> bool:
    return (figure.entity, figure.metric, figure.period) == (expect["entity"], expect["metric"], expect["period"]) and (
        figure.scope == expect.get("scope", figure.scope)) and figure.segment == expect.get("segment", figure.segment)


def score_document(name: str, doc: Document, truth: dict) -> Score:
    score = Score(name, expected=len(truth.get("expect", [])), must_fail=bool(truth.get("must_fail")))
    try:
        _, _, extraction = extract(doc)
        figures = extraction.figures
    except (ParseError, ValueError, UnicodeDecodeError) as exc:
        figures, score.error = [], str(exc)
    score.emitted = len(figures)
    score.failed_clearly = score.must_fail and not figures and bool(score.error)
    score.refused = not figures and score.expected > 0
    forbidden = {float(v) for v in truth.get("forbid_values", [])}
    expects = truth.get("expect", [])
    for figure in figures:
        keyed = [e for e in expects if _on_key(e, figure)]
        if float(figure.value) in forbidden or (keyed and not any(e["value"] == figure.value for e in keyed)):
            score.wrong += 1
            score.wrong_figures.append(_describe(figure))
        elif not any(_matches(e, figure) for e in expects):
            score.unexpected += 1
            score.unexpected_figures.append(_describe(figure))
    for expect in expects:
        hit = next((f for f in figures if _matches(expect, f)), None)
        if hit is None:
            score.missing.append(expect)
            continue
        score.found += 1
        score.qualifier_ok += hit.qualifier == expect["qualifier"]
        if "yoy_pct" in expect:
            score.yoy_stated += 1
            score.yoy_ok += hit.yoy_pct is not None and abs(hit.yoy_pct - expect["yoy_pct"]) < 0.05
        if "cites" in expect:
            score.cites_stated += 1
            score.cites_ok += hit.cites == expect["cites"]
    return score


def _describe(figure: Figure) -> str:
    return f"{figure.entity} {figure.metric}/{figure.scope} {figure.period} = {figure.value} ({figure.qualifier})"


def _documents(folder: Path) -> Path:
    return folder / "docs" if (folder / "docs").is_dir() else folder


def score_folder(folder: Path, only: str | None = None) -> list[Score]:
    truth = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    docs = _documents(folder)
    scores = []
    for name in sorted(truth):
        if only and only not in name:
            continue
        if not (docs / name).is_file():
            scores.append(Score(name, expected=len(truth[name].get("expect", [])), refused=True, error=f"no file {docs / name}"))
            continue
        scores.append(score_document(name, corpus_document(docs / name), truth[name]))
    return scores


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def report(scores: list[Score], show: bool) -> str:
    lines = [f"{'document':58} {'found':>9} {'emitted':>7} {'wrong':>5}  note"]
    for s in scores:
        note = "must fail: " + ("failed clearly" if s.failed_clearly else "EMITTED FIGURES") if s.must_fail else ("REFUSED" if s.refused else "")
        lines.append(f"{s.name[:58]:58} {s.found:>4}/{s.expected:<4} {s.emitted:>7} {s.wrong:>5}  {note}")
        if show:
            lines += [f"      missing: {m}" for m in s.missing] + [f"      wrong:   {w}" for w in s.wrong_figures]
            lines += [f"      unexpected: {u}" for u in s.unexpected_figures]
            if s.error:
                lines.append(f"      error:   {s.error[:200]}")
    total = {k: sum(getattr(s, k) for s in scores) for k in
             ("expected", "found", "emitted", "wrong", "unexpected", "qualifier_ok", "yoy_stated", "yoy_ok", "cites_stated", "cites_ok")}
    refused = sum(s.refused for s in scores)
    must = [s for s in scores if s.must_fail]
    lines += [
        "",
        f"documents        {len(scores)}  (refused {refused} of {sum(1 for s in scores if s.expected)} with expected figures)",
        f"recall           {total['found']}/{total['expected']} = {_pct(total['found'], total['expected'])}",
        f"wrong            {total['wrong']}/{total['emitted']} emitted = {_pct(total['wrong'], total['emitted'])}",
        f"unexpected       {total['unexpected']}/{total['emitted']} emitted (on keys no expectation names; not scored)",
        f"must_fail        {sum(s.failed_clearly for s in must)}/{len(must)} failed clearly",
        f"qualifier agrees {total['qualifier_ok']}/{total['found']} = {_pct(total['qualifier_ok'], total['found'])}",
        f"yoy agrees       {total['yoy_ok']}/{total['yoy_stated']} = {_pct(total['yoy_ok'], total['yoy_stated'])}",
        f"cites agrees     {total['cites_ok']}/{total['cites_stated']} = {_pct(total['cites_ok'], total['cites_stated'])}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=Path(__file__).resolve().parents[2] / "shared" / "real-corpus")
    parser.add_argument("--doc", help="only documents whose name contains this")
    parser.add_argument("--show", action="store_true", help="list each document's missing and wrong figures")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    scores = score_folder(args.folder, args.doc)
    if args.json:
        print(json.dumps([s.__dict__ for s in scores], ensure_ascii=False, indent=1))
    else:
        print(report(scores, args.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
