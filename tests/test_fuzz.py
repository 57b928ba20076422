"""Fuzzing every source's sample documents (issue 11, point 9): mutated bytes are read, or fail with a ParseError,
never with another exception, and within a time bound. The mutations are `benchmarks/fuzz_parsers.py`'s, drawn
here by hypothesis; that script runs thousands of them and counts the outcomes."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import fuzz_parsers  # noqa: E402

pytestmark = pytest.mark.slow  # end to end: real processes, flows, servers (the slow tier)

DEADLINE = 5  # seconds: a sample takes well under one to read, mutated or not
EXAMPLES = 80  # per source: the whole file runs in under a minute
DOCUMENTS = fuzz_parsers.sample_documents()
SOURCES = sorted({doc.source for doc in DOCUMENTS})
STEPS = st.lists(st.tuples(st.integers(0, len(fuzz_parsers.MUTATIONS) - 1), st.floats(0, 1), st.integers(0, 1 << 16)),
                 min_size=1, max_size=4)


@pytest.fixture(scope="module")
def warm_readers():
    """Every sample read once both ways first: the first read loads dateparser's languages, which is no parse's time."""
    for doc in DOCUMENTS:
        for as_extract in (False, True):
            assert fuzz_parsers.outcome(doc, as_extract)[0] in ("figures", "typed")


@pytest.fixture(scope="module", autouse=True)
def short_deadline(warm_readers):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EVD_PARSE_DEADLINE", str(DEADLINE))
        yield


@pytest.mark.parametrize("source", SOURCES)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pick=st.integers(0, 1 << 16), steps=STEPS, as_extract=st.booleans())
def test_a_mutated_sample_is_read_or_fails_with_a_parse_error_in_time(source, pick, steps, as_extract):
    samples = [doc for doc in DOCUMENTS if doc.source == source]
    doc = samples[pick % len(samples)]
    kind, seconds, error = fuzz_parsers.outcome(dataclasses.replace(doc, content=fuzz_parsers.mutated(doc.content, steps)), as_extract)
    assert kind in ("figures", "typed"), f"{doc.url} {steps}: {kind} after {seconds:.1f} s: {type(error).__name__}: {error}"
    assert seconds < DEADLINE


def test_the_fuzz_benchmark_counts_its_calls(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["fuzz_parsers.py", "--calls", "20", "--seed", "3"])
    fuzz_parsers.main()
    printed = capsys.readouterr().out
    assert "calls 20 " in printed and "untyped errors 0 " in printed and "hangs 0 " in printed
