"""The checks held to what an experienced L&D consultant expects of realistic ecosystems (issue 11).

Every map in ``tests/data/realistic`` was written together with its ``.expect.json`` before any
check was run on it; ``tests/data/realistic/README.md`` explains the format. Per map: every
planted problem is found with the right subject and severity (``must_find``), nothing a consultant
would laugh at is raised (``must_not_flag``), and everything else stays at or below the ceiling
(``others_at_most``). Across maps: every healthy map scores above every troubled one.

``python -m tests.test_realistic_maps`` prints the false alarms and misses of every map.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from app.analysis import analyze
from app.analysis.records import SEVERITIES, Analysis, Finding, severity_rank
from app.interchange import read_json

DATA = Path(__file__).resolve().parent / "data" / "realistic"
MAPS = sorted(p for p in DATA.glob("*.json") if not p.name.endswith(".expect.json"))
CHECK_IDS = frozenset({
    "cane_toad", "isolated", "island", "unreached", "overdominant",
    "single_point_of_failure", "missing_block", "informal_gap", "key_person",
})
ENTRY_FIELDS = frozenset({"check", "nodes", "subject", "severity", "min_severity", "why"})


def expectations(path: Path) -> dict:
    return json.loads(path.with_suffix(".expect.json").read_text(encoding="utf-8"))


@cache
def analysis(path: Path) -> Analysis:
    return analyze(read_json(path))


def as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def subject_matches(wanted, finding: Finding) -> bool:
    """The finding's subject, whole or its last ':'-separated part, is one of ``wanted``."""
    whole = finding.subject.casefold()
    last = whole.rsplit(":", 1)[-1]
    return any(w.casefold() in (whole, last) for w in as_list(wanted))


def checks_of(entry: dict) -> list[str]:
    return as_list(entry["check"])


def tells(entry: dict, finding: Finding) -> bool:
    """The finding tells the story of a must_find / may_find entry (whatever its severity)."""
    if finding.check not in checks_of(entry):
        return False
    if not set(entry.get("nodes", [])) <= set(finding.node_ids):
        return False
    return "subject" not in entry or subject_matches(entry["subject"], finding)


def concerns(entry: dict, finding: Finding) -> bool:
    """A must_not_flag entry applies to the finding (check, then any node or the subject)."""
    checks = checks_of(entry)
    if "*" not in checks and finding.check not in checks:
        return False
    if "nodes" not in entry and "subject" not in entry:
        return True
    named = bool(set(entry.get("nodes", [])) & set(finding.node_ids))
    return named or ("subject" in entry and subject_matches(entry["subject"], finding))


def at_least(severity: str, floor: str) -> bool:
    return severity_rank(severity) <= severity_rank(floor)


def describe(finding: Finding) -> str:
    return (f"{finding.check} [{finding.severity}] {finding.title!r} "
            f"nodes={list(finding.node_ids)} subject={finding.subject!r}")


def all_findings(result: Analysis) -> str:
    return "\n".join("    " + describe(f) for f in result.findings) or "    (no findings)"


def misses(path: Path) -> list[str]:
    """Each must_find entry no finding matches, with what the checks said instead."""
    result = analysis(path)
    problems = []
    for entry in expectations(path)["must_find"]:
        told = [f for f in result.findings if tells(entry, f)]
        if any(f.severity in entry["severity"] for f in told):
            continue
        wanted = (f"{'/'.join(checks_of(entry))} nodes={entry.get('nodes', [])} "
                  f"subject={entry.get('subject', '')!r} severity in {entry['severity']}")
        if told:
            said = "told at the wrong severity:\n" + "\n".join("    " + describe(f) for f in told)
        else:
            same_check = [f for f in result.findings if f.check in checks_of(entry)]
            said = ("not found; findings of that check:\n"
                    + ("\n".join("    " + describe(f) for f in same_check) or "    (none)"))
        problems.append(f"MISSED {wanted}\n  why: {entry['why']}\n  {said}")
    return problems


def forbidden(path: Path) -> list[str]:
    """Each finding a must_not_flag entry forbids."""
    result = analysis(path)
    problems = []
    for entry in expectations(path)["must_not_flag"]:
        floor = entry.get("min_severity", "low")
        for finding in result.findings:
            if concerns(entry, finding) and at_least(finding.severity, floor):
                problems.append(f"FLAGGED {describe(finding)}\n  must not "
                                f"({'/'.join(checks_of(entry))} at {floor} or above): "
                                f"{entry['why']}")
    return problems


def over_ceiling(path: Path) -> list[str]:
    """Each finding that tells no expected story and is above ``others_at_most``."""
    expected = expectations(path)
    ceiling = expected["others_at_most"]
    stories = expected["must_find"] + expected.get("may_find", [])
    return [f"ABOVE {ceiling.upper()} {describe(f)}"
            for f in analysis(path).findings
            if not any(tells(entry, f) for entry in stories)
            and severity_rank(f.severity) < severity_rank(ceiling)]


def false_alarms(path: Path) -> list[Finding]:
    """Medium and high findings that must_not_flag or others_at_most forbids."""
    expected = expectations(path)
    stories = expected["must_find"] + expected.get("may_find", [])
    ceiling = expected["others_at_most"]
    alarms = []
    for finding in analysis(path).findings:
        if finding.severity == "low":
            continue
        banned = any(concerns(e, finding) and at_least(finding.severity, e.get("min_severity", "low"))
                     for e in expected["must_not_flag"])
        untold = (not any(tells(e, finding) for e in stories)
                  and severity_rank(finding.severity) < severity_rank(ceiling))
        if banned or untold:
            alarms.append(finding)
    return alarms


def report(path: Path, problems: list[str]) -> str:
    return (f"{path.stem}: {expectations(path)['story']}\n\n" + "\n\n".join(problems)
            + f"\n\n  every finding on this map:\n{all_findings(analysis(path))}")


# --- the set itself --------------------------------------------------------------------------

def test_the_set_has_ten_or_more_maps_healthy_and_troubled_of_a_believable_size():
    assert len(MAPS) >= 10
    healths = [expectations(p)["health"] for p in MAPS]
    assert healths.count("healthy") >= 3 and healths.count("troubled") >= 3
    for path in MAPS:
        data = read_json(path)
        assert 20 <= len(data.nodes) <= 60, path.stem
        learners = [n for n in data.nodes if n.kind == "Learner group"]
        assert learners and all(n.reach for n in learners), path.stem


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_the_expectations_are_well_formed_and_name_real_nodes(path):
    expected = expectations(path)
    ids = {n.id for n in read_json(path).nodes}
    assert set(expected) <= {"story", "health", "must_find", "may_find", "must_not_flag",
                             "others_at_most"}
    assert expected["story"] and expected["health"] in ("healthy", "troubled")
    assert expected["others_at_most"] in SEVERITIES
    if expected["health"] == "troubled":
        assert expected["must_find"], "a troubled map plants at least one problem"
    for key in ("must_find", "may_find", "must_not_flag"):
        for entry in expected.get(key, []):
            assert set(entry) <= ENTRY_FIELDS and entry["why"], entry
            allowed = CHECK_IDS | ({"*"} if key == "must_not_flag" else set())
            assert set(checks_of(entry)) <= allowed, entry
            assert set(entry.get("nodes", [])) <= ids, set(entry["nodes"]) - ids
            if key == "must_not_flag":
                assert entry.get("min_severity", "low") in SEVERITIES
            else:
                assert entry["severity"] and set(entry["severity"]) <= set(SEVERITIES), entry


# --- the checks held to them -------------------------------------------------------------------

@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_every_planted_problem_is_found_with_its_subject_and_severity(path):
    problems = misses(path)
    if problems:
        pytest.fail(report(path, problems), pytrace=False)


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_nothing_a_consultant_would_laugh_at_is_flagged(path):
    problems = forbidden(path)
    if problems:
        pytest.fail(report(path, problems), pytrace=False)


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_every_other_finding_stays_at_or_below_the_ceiling(path):
    problems = over_ceiling(path)
    if problems:
        pytest.fail(report(path, problems), pytrace=False)


def test_every_healthy_map_scores_above_every_troubled_map():
    scores = {p.stem: (expectations(p)["health"], analysis(p).health.score) for p in MAPS}
    healthy = {name: score for name, (health, score) in scores.items() if health == "healthy"}
    troubled = {name: score for name, (health, score) in scores.items() if health == "troubled"}
    table = "\n".join(f"  {score:3d}  {health:9s} {name}"
                      for name, (health, score) in sorted(scores.items(), key=lambda kv: -kv[1][1]))
    ties = [f"{h} ({healthy[h]}) <= {t} ({troubled[t]})"
            for h in healthy for t in troubled if healthy[h] <= troubled[t]]
    if ties:
        pytest.fail("healthy maps that score no better than a troubled one:\n  "
                    + "\n  ".join(ties) + "\n\nscores:\n" + table, pytrace=False)


def scorecard() -> str:
    """False alarms and misses per map, as the issue measures them."""
    lines = [f"{'map':32s} {'health':9s} score  false alarms  misses"]
    total_alarms = total_misses = 0
    for path in MAPS:
        alarms, missed = false_alarms(path), misses(path)
        total_alarms += len(alarms)
        total_misses += len(missed)
        lines.append(f"{path.stem:32s} {expectations(path)['health']:9s} "
                     f"{analysis(path).health.score:5d}  {len(alarms):12d}  {len(missed):6d}")
        lines += [f"    false alarm: {describe(f)}" for f in alarms]
        lines += [f"    {m.splitlines()[0]}" for m in missed]
    lines.append(f"{'total':32s} {'':9s} {'':5s}  {total_alarms:12d}  {total_misses:6d}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(scorecard())
