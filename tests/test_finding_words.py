"""Every finding on every realistic map and sample, read as a consultant would say it aloud:
no programmer's words, no "1 pieces", a person never called "it", and advice that fits what it
names (a person, a tool, a session). ``python -m tests.test_finding_words`` prints them all,
to be read before the checks change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.analysis import analyze
from app.analysis.roles import LEARNING_BLOCKS, PEOPLE, TECHNOLOGY
from app.interchange import read_json
from tests.conftest import REPO, SAMPLES

MAPS = sorted((REPO / "tests" / "data" / "realistic").glob("*[!t].json")) + \
    sorted(SAMPLES.glob("*.json"))
JARGON = re.compile(r"\b(node|nodes|betweenness|articulation|degree|component|vertex|vertices|"
                    r"subgraph)\b|\b(nan|null|None \(|\{|\})", re.IGNORECASE)
ONE_MANY = re.compile(r"\b1 (pieces|learner groups|people|connections|parts)\b")
ADVICE = {PEOPLE: "someone else can do what", TECHNOLOGY: "a named owner"}


def spoken(path: Path):
    data = read_json(path)
    nodes = {n.id: n for n in data.nodes}
    return analyze(data).findings, nodes


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_every_finding_reads_as_a_consultant_would_say_it(path):
    findings, nodes = spoken(path)
    for f in findings:
        said = f"{f.title} {f.detail} {f.suggestion}"
        assert not JARGON.search(said.replace("“", "").replace("”", "")
                                 .replace("Learner group", "")), (f.check, said)
        assert not ONE_MANY.search(said), said
        assert "  " not in said and " ." not in said and "..." not in said, said
        assert not f.title.endswith(".") and f.detail.endswith(".") and \
            f.suggestion.endswith("."), f.title
        subject = nodes.get(f.subject.removeprefix("node:"))
        if subject is not None and subject.category == PEOPLE:
            assert "without it" not in said and "on it alone" not in said, said


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_advice_about_a_weak_point_fits_what_it_is(path):
    findings, nodes = spoken(path)
    for f in findings:
        if f.check not in ("overdominant", "single_point_of_failure"):
            continue
        node = nodes[f.subject.removeprefix("node:")]
        expected = "a second way in" if node.category in LEARNING_BLOCKS else \
            ADVICE.get(node.category, "another way")
        assert expected in f.suggestion, (node.label, f.suggestion)


def transcript() -> str:
    lines = []
    for path in MAPS:
        findings, _nodes = spoken(path)
        data = read_json(path)
        lines.append(f"\n== {path.stem}: {data.name} — {analyze(data).health.score}/100")
        for f in findings:
            lines += [f"[{f.severity.upper()}] {f.title}  ({f.check})", f"    {f.detail}",
                      f"    → {f.suggestion}"]
    return "\n".join(lines)


if __name__ == "__main__":
    print(transcript())
