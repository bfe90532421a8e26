"""What users read about the checks agrees with what the checks do: docs/checks.md, the README
table and the report's "How the checks work" page name the same checks and the same defaults."""

from __future__ import annotations

import re

import pytest

from app.analysis import CHECKS
from app.report.explain import CHECK_RULES
from app.thresholds import DEFAULTS, KIND_OF_VALUE
from tests.conftest import REPO

CHECKS_DOC = (REPO / "docs" / "checks.md").read_text(encoding="utf-8")
README = (REPO / "README.md").read_text(encoding="utf-8")


def table_checks(text: str) -> list[str]:
    return re.findall(r"^\| `(\w+)` \|", text, flags=re.MULTILINE)


def test_every_check_is_explained_once_in_each_place_users_read():
    assert table_checks(CHECKS_DOC) == list(CHECKS)
    assert table_checks(README) == list(CHECKS)
    assert [check for check, _what, _rule in CHECK_RULES] == list(CHECKS)


def rendered(name: str, value: float) -> str:
    kind = KIND_OF_VALUE[name]
    return f"{round(value * 100)}%" if kind == "share" else \
        f"{value:g}×" if kind == "ratio" else f"{value}"


@pytest.mark.parametrize("name", sorted(DEFAULTS))
def test_docs_give_every_threshold_with_its_default(name):
    pattern = rf"(≥|under) {re.escape(rendered(name, DEFAULTS[name]))}( nodes| pieces)? \(`{name}`\)"
    assert re.search(pattern, CHECKS_DOC), f"docs/checks.md should say “≥ … (`{name}`)”"


def test_the_reports_rules_read_with_the_defaults_filled_in():
    for check, what, rule in CHECK_RULES:
        text = rule.format(**DEFAULTS)
        assert "{" not in text and what and check
