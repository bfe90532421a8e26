"""The sample maps users open first: valid, laid out, and each telling the story it is for."""

from __future__ import annotations

import itertools
import math

import pytest

from app.files import create_map, load_map
from app.interchange import read_json
from tests.conftest import SAMPLES

SAMPLE_FILES = sorted(SAMPLES.glob("*.json"))


def test_there_are_at_least_four_samples():
    names = {p.stem for p in SAMPLE_FILES}
    assert {"sales_enablement", "lecture_cane_toad", "compliance_training",
            "workshop_starter"} <= names


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_each_sample_is_placed_so_no_two_nodes_sit_on_each_other(path):
    data = read_json(path)
    assert data.description and data.goals
    assert all(n.has_position for n in data.nodes)
    closest = min(math.dist((a.x, a.y), (b.x, b.y))
                  for a, b in itertools.combinations(data.nodes, 2))
    assert closest >= 140


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_each_sample_imports_into_a_map_file_unchanged(path, tmp_path):
    data = read_json(path)
    assert load_map(create_map(tmp_path / "m.ecomap", data)) == data


def share(data, key: str) -> float:
    return sum(n.category == key for n in data.nodes) / len(data.nodes)


def test_the_cane_toad_sample_is_overrun_by_content():
    data = read_json(SAMPLES / "lecture_cane_toad.json")
    assert share(data, "content") >= 0.6


def test_the_balanced_sample_has_no_block_over_a_third_or_so():
    data = read_json(SAMPLES / "sales_enablement.json")
    assert max(share(data, c.key) for c in data.categories) < 0.4
    assert any(n.informal for n in data.nodes)


def test_the_compliance_sample_uses_all_six_blocks_and_the_starter_three():
    compliance = read_json(SAMPLES / "compliance_training.json")
    assert {n.category for n in compliance.nodes} == {
        "people", "content", "process", "technology", "data", "governance"}
    starter = read_json(SAMPLES / "workshop_starter.json")
    assert [c.key for c in starter.categories] == ["people", "content", "process"]
    assert len(starter.nodes) <= 12
