"""Hostile JSON maps: whatever a file holds, Ecomap names the problem and where it is (exit 2),
writes nothing, changes nothing, and ``import`` and ``analyze`` agree on what they accept.

The first tests are the holes an attack on 2,165 mutated maps found; the last one repeats that
attack on the sample maps with mutations drawn by hypothesis.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from app.cli import main
from app.domain import MapData, check_map, check_settings
from app.errors import BadInput
from app.files import load_map
from app.interchange import dumps, loads
from app.quoting import printable, shown
from app.thresholds import DEFAULTS, check_threshold, resolve_thresholds
from tests.conftest import SAMPLES

HUGE_INT = "1" + "0" * 5000  # more digits than Python reads from text
FIVE_MB = "x" * 5 * 1024 * 1024
ESCAPES = "\x1b[2J\x1b]0;owned\x07\x00\x9b\u202e"
LOCATION = re.compile(
    r"^(format|version|name|description|goals|categories|settings|nodes|edges|snapshots)\b")
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def sample(name: str = "sales_enablement.json") -> dict:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def refused(document: dict | str) -> str:
    text = document if isinstance(document, str) else json.dumps(document)
    with pytest.raises(BadInput) as caught:
        loads(text)
    return str(caught.value)


def run(*args: str) -> tuple[int, str, str]:
    """``ecomap ARGS`` in this process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main([str(a) for a in args])
    return status, out.getvalue(), err.getvalue()


# --- the holes the attack found ---------------------------------------------------------------


def test_an_integer_of_5000_digits_is_named_where_it_is():
    text = json.dumps(sample()).replace('"reach": 120', f'"reach": {HUGE_INT}', 1)
    assert refused(text) == ("nodes[0].reach: should be a whole number of learners, "
                             "0 to 1,000,000,000, not a number 5,001 digits long")


def test_a_number_too_large_for_a_float_is_named_where_it_is():
    document = sample()
    document["nodes"][1]["x"] = "@"
    text = json.dumps(document).replace('"x": "@"', '"x": 1e400')
    assert refused(text).startswith("nodes[1].x: should be at most 10,000,000 from the middle")
    assert "1e400" in refused(text)


@pytest.mark.parametrize("name", ["kind_share", "hub_degree_ratio", "hub_min_nodes"])
def test_a_threshold_of_ten_to_the_400_is_out_of_range_not_a_crash(name):
    document = sample()
    document["settings"] = {"thresholds": {name: 10**400}}
    message = refused(document)
    assert message.startswith(f"settings.thresholds.{name}: should be ")
    assert "not a number 401 digits long" in message


def test_a_list_as_an_edge_id_is_named_where_it_is():
    document = sample()
    document["edges"][4]["id"] = ["e4"]
    assert refused(document) == "edges[4].id: should be text, not a list"


@pytest.mark.parametrize("field", ["label", "id", "kind", "description"])
def test_a_lone_surrogate_in_any_text_is_a_broken_character(field):
    document = sample()
    document["nodes"][2][field] = "Coach\ud83d"
    assert refused(document).startswith(f"nodes[2].{field}: contains a broken character")


def test_a_lone_surrogate_in_a_name_from_the_file_is_named_escaped():
    document = sample()
    document["nodes"][0]["attributes"] = {"own\udc00er": "Sales"}
    message = refused(document)
    assert message.startswith("nodes[0].attributes.own\\udc00er: contains a broken character")


def test_import_refuses_every_threshold_analyze_refuses(tmp_path):
    document = sample()
    document["settings"] = {"thresholds": {"kind_share": 1.5}}
    (tmp_path / "map.json").write_text(json.dumps(document))
    imported = run("import", tmp_path / "map.json", tmp_path / "map.ecomap")
    analysed = run("analyze", tmp_path / "map.json")
    assert imported[0] == analysed[0] == 2
    assert "settings.thresholds.kind_share: should be a share between 0 and 1" in imported[2]
    assert not (tmp_path / "map.ecomap").exists()


def test_a_5_mb_bad_value_is_quoted_cut_short():
    document = sample()
    document["categories"][0]["color"] = FIVE_MB
    message = refused(document)
    assert len(message) < 200
    assert "… (5,242,880 characters)" in message


def test_control_characters_in_a_quoted_value_are_shown_escaped():
    document = sample()
    document["nodes"][0]["category"] = f"people{ESCAPES}"
    message = refused(document)
    assert not UNSAFE.search(message)
    assert '"people\\x1b[2J\\x1b]0;owned\\x07\\x00\\x9b\\u202e" is not a category' in message


def test_the_command_line_escapes_control_characters_in_any_message(tmp_path):
    status, _, err = run("info", tmp_path / "gone\x1b[2J\x07\u202e.json")
    assert status == 2
    assert not UNSAFE.search(err)
    assert "gone\\x1b[2J" in err


# --- settings: one check for every reader -----------------------------------------------------


def test_settings_keep_unknown_keys_and_check_the_ones_ecomap_uses():
    own = {"thresholds": {"kind_share": 0.6}, "pinned": ["reps"], "grid": {"size": [8, 8]}}
    assert check_settings(own) == own
    assert check_settings(None) == {}


@pytest.mark.parametrize(("value", "message"), [
    ([], "settings: should be an object of settings, not a list"),
    ({"thresholds": []}, "settings.thresholds: should be an object of threshold names"),
    ({"thresholds": {"kind_shar": 0.5}},
     "settings.thresholds.kind_shar: is not a threshold Ecomap knows"),
    ({"thresholds": {"kind_share": "half"}},
     'settings.thresholds.kind_share: should be a share between 0 and 1 (0.5 means 50%), '
     'not "half"'),
    ({"thresholds": {"hub_min_nodes": 2.5}},
     "settings.thresholds.hub_min_nodes: should be a whole number of nodes, 1 to 100,000"),
    ({"pinned": None}, "settings.pinned: should be a list of node ids, not nothing (null)"),
    ({"pinned": ["reps", 3]}, "settings.pinned[1]: should be text, not a number"),
    ({"view": {"zoom": float("inf")}}, "settings.view.zoom: should be a number Ecomap can use"),
    ({"view": {"zoom": 10**400}}, "settings.view.zoom: should be a number Ecomap can use"),
    ({"view": {"tint": {1, 2}}}, "settings.view.tint: should be text, a number, true/false"),
    ({"deep": json.loads("[" * 40 + "]" * 40)}, "is nested more than 20 levels deep"),
])
def test_settings_that_break_the_rules_are_refused_where_they_are(value, message):
    with pytest.raises(BadInput) as caught:
        check_settings(value)
    assert message in str(caught.value)


def test_the_map_check_applies_the_settings_check():
    data = loads(json.dumps(sample()))
    bad = MapData(**{**data.__dict__, "settings": {"thresholds": {"split_share": 0}}})
    with pytest.raises(BadInput, match=r"^settings\.thresholds\.split_share: should be a share"):
        check_map(bad)


def test_thresholds_are_checked_by_the_same_rules_on_import_and_in_analysis():
    assert resolve_thresholds({"thresholds": {"hub_min_nodes": 6.0}})["hub_min_nodes"] == 6
    for value in (10**400, -(10**400), float("nan"), True, None, [0.5]):
        with pytest.raises(BadInput):
            check_threshold("kind_share", value)
    with pytest.raises(BadInput, match="is not a threshold"):
        check_threshold(["kind_share"], 0.5)


def test_thresholds_load_without_the_analysis():
    script = "import sys, app.domain, app.thresholds; print('networkx' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


# --- quoting --------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    ("procces", '"procces"'),
    (12, "12"),
    (True, "true"),
    (None, "nothing (null)"),
    (["a"], "a list"),
    (10**400, "a number 401 digits long"),
    ("a\x1bb\x00c\u202ed\ud800", '"a\\x1bb\\x00c\\u202ed\\ud800"'),
    ("Grüße, 東京 ✓", '"Grüße, 東京 ✓"'),
])
def test_shown_quotes_a_value_readably_and_safely(value, expected):
    assert shown(value) == expected


def test_shown_cuts_a_long_value_and_says_how_long_it_was():
    assert shown("y" * 100) == '"' + "y" * 60 + '… (100 characters)"'
    assert len(shown("\x00" * 1000)) < 100


def test_printable_keeps_the_words_and_escapes_the_rest():
    assert printable("nodes[0].label: “Café”\x1b[0m\n", keep_newlines=True) == (
        "nodes[0].label: “Café”\\x1b[0m\n")


# --- the attack: the sample maps, mutated -----------------------------------------------------

BIG, OVERFLOW = "@@HUGE_INT@@", "@@OVERFLOW@@"
HOSTILE_VALUES = st.sampled_from([
    10**400, -(10**400), BIG, OVERFLOW, [], ["x"], {}, {"a": 1}, None, True, 0, -1, 2.5, "",
    "\ud800", "x" * (1024 * 1024), ESCAPES, 6, 1e300,
])
ORDINARY_VALUES = st.one_of(  # values a map may well hold: some are accepted where they land
    st.sampled_from(["people", "content", "reps", "e1", "#00FF00", "star", "2026-01-01"]),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
    st.integers(-2, 7), st.floats(-100, 100), st.booleans())
VALUES = HOSTILE_VALUES | ORDINARY_VALUES
DEEP = json.loads("[" * 30 + "]" * 30)


def prepared(name: str) -> dict:
    """A sample map with settings and a snapshot, so the attack reaches them too."""
    document = sample(name)
    first = document["nodes"][0]["id"]
    document["settings"] = {"thresholds": {"kind_share": 0.6, "hub_min_nodes": 5},
                            "pinned": [first], "display": {"grid": True, "zoom": [1.5]}}
    document["snapshots"] = [{"name": "Q1", "taken_at": "2026-03-31T17:00:00",
                              "nodes": copy.deepcopy(document["nodes"][:2]),
                              "edges": copy.deepcopy(document["edges"][:1])}]
    return document


DOCUMENTS = {path.name: prepared(path.name) for path in sorted(SAMPLES.glob("*.json"))}


def places(value, path=()):
    """Every (container path, key) in a document: where a value can be replaced or removed."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        yield (*path, key)
        if isinstance(item, dict | list):
            yield from places(item, (*path, key))


def at(document, path):
    for key in path:
        document = document[key]
    return document


def replace_value(document, data):
    path = data.draw(st.sampled_from(list(places(document))))
    at(document, path[:-1])[path[-1]] = data.draw(VALUES)


def delete_field(document, data):
    path = data.draw(st.sampled_from([p for p in places(document)
                                      if isinstance(at(document, p[:-1]), dict)]))
    del at(document, path[:-1])[path[-1]]


def repeat_an_id(document, data):
    part = data.draw(st.sampled_from(["nodes", "edges"]))
    items = [item for item in document[part] if isinstance(item, dict)]
    if len(items) > 1:
        first, second = data.draw(st.permutations(items))[:2]
        second["id"] = first.get("id", "e1")


def point_at_a_missing_node(document, data):
    edges = [e for e in document["edges"] if isinstance(e, dict)]
    if edges:
        data.draw(st.sampled_from(edges))[data.draw(st.sampled_from(["source", "target"]))] = (
            "nobody-here")


def bad_threshold(document, data):
    name = data.draw(st.sampled_from([*DEFAULTS, "kind_shar", ESCAPES, "x" * 500]))
    own = document.setdefault("settings", {})
    thresholds = own.setdefault("thresholds", {}) if isinstance(own, dict) else None
    if isinstance(thresholds, dict):
        thresholds[name] = data.draw(VALUES | st.floats(-2, 2) | st.integers(-5, 10**6))


def odd_setting(document, data):
    own = document.setdefault("settings", {})
    if isinstance(own, dict):
        own[data.draw(st.sampled_from(["pinned", "view", "\ud800"]))] = data.draw(
            VALUES | st.just(DEEP) | st.lists(ORDINARY_VALUES, max_size=3))


def extra_field(document, data):
    """A field Ecomap does not know: kept (in a node's attributes) or ignored, unless what it
    holds is itself broken."""
    parts = [document.get("nodes"), document.get("edges")]
    targets = [document, *(item for part in parts if isinstance(part, list) for item in part
                           if isinstance(item, dict))]
    target = data.draw(st.sampled_from(targets))
    target[data.draw(st.sampled_from(["cost_centre", "x-note", ESCAPES, "\ud800"]))] = data.draw(
        VALUES)


MUTATIONS = [replace_value, replace_value, replace_value, delete_field, repeat_an_id,
             point_at_a_missing_node, bad_threshold, odd_setting, extra_field]


def hostile_text(document) -> str:
    text = json.dumps(document)  # ASCII: lone surrogates travel as \ud800 escapes
    return text.replace(f'"{BIG}"', HUGE_INT).replace(f'"{OVERFLOW}"', "1e400")


def assert_refused_cleanly(status: int, err: str) -> None:
    assert status == 2, err
    message = err.removeprefix("ecomap: ").rstrip("\n")
    assert LOCATION.match(message) or message.startswith("this map was made by a newer"), message
    assert len(message) < 400, message
    assert not UNSAFE.search(message), message


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(name=st.sampled_from(sorted(DOCUMENTS)),
       mutations=st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=2),
       data=st.data())
def test_a_mutated_sample_map_is_refused_cleanly_or_accepted_by_every_command(
        name, mutations, data):
    document = copy.deepcopy(DOCUMENTS[name])
    for mutate in mutations:
        mutate(document, data)
    raw = hostile_text(document).encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="ecomap-attack-") as folder:
        source, target = Path(folder) / "map.json", Path(folder) / "map.ecomap"
        source.write_bytes(raw)
        imported, said, import_err = run("import", source, target)
        event(f"import exit {imported}")
        analysed, _, analyse_err = run("analyze", source, "--json")
        assert source.read_bytes() == raw
        assert (imported == 0) == (analysed == 0), (import_err, analyse_err)
        if imported != 0:
            assert_refused_cleanly(imported, import_err)
            assert_refused_cleanly(analysed, analyse_err)
            assert sorted(p.name for p in Path(folder).iterdir()) == ["map.json"]
            return
        assert analysed == 0, analyse_err
        assert not UNSAFE.search(said.rstrip("\n")), said
        assert sorted(p.name for p in Path(folder).iterdir()) == ["map.ecomap", "map.json"]
        assert_exported_and_read_again(Path(folder), target)


def assert_exported_and_read_again(folder: Path, target: Path) -> None:
    back, again = folder / "back.json", folder / "again.ecomap"
    exported, _, err = run("export", target, back)
    assert exported == 0, err
    reimported, _, err = run("import", back, again)
    assert reimported == 0, err
    assert load_map(again) == load_map(target)
    assert loads(dumps(load_map(target))) == load_map(target)
