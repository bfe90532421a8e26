"""Hostile GraphML and GEXF: entity bombs, external entities and external DTDs are refused before
anything in them is expanded or fetched, with a plain message naming the file; nothing is
written, and no address in the file is ever contacted."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.errors import BadInput, NotFound
from app.interchange.gexf import read_gexf
from app.interchange.graphml import read_graphml

READERS = {"graphml": read_graphml, "gexf": read_gexf}
NAMES = {"graphml": "GraphML", "gexf": "GEXF"}
ROOTS = {"graphml": '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
                    '<graph edgedefault="directed"><node id="n0"><data key="d0">{body}</data>'
                    "</node></graph></graphml>",
         "gexf": '<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes>'
                 '<node id="0" label="{body}"/></nodes></graph></gexf>'}
REFUSED = ("contains instructions to expand or fetch other files, which Ecomap never follows; "
           "nothing was read from it")
LAUGHS = "".join(
    ['<!ENTITY lol0 "lol">']
    + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)])


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A port on this computer that records whether anything connected to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.setblocking(False)
    yield server
    server.close()


def nobody_called(server: socket.socket) -> bool:
    try:
        server.accept()[0].close()
    except BlockingIOError:
        return True
    return False


def hostile(folder: Path, fmt: str, doctype: str, body: str) -> Path:
    path = folder / f"hostile.{fmt}"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE {fmt} [{doctype}]>\n'
                    + ROOTS[fmt].format(body=body), encoding="utf-8")
    return path


def refusal(path: Path, fmt: str) -> str:
    with pytest.raises(BadInput) as caught:
        READERS[fmt](path)
    return str(caught.value)


@pytest.mark.parametrize("fmt", READERS)
def test_a_billion_laughs_is_refused_before_any_laugh(tmp_path, fmt):
    path = hostile(tmp_path, fmt, LAUGHS, "&lol9;")
    assert refusal(path, fmt) == f"{path}: {REFUSED}"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


@pytest.mark.parametrize("fmt", READERS)
def test_an_external_entity_is_refused_and_the_file_it_names_never_read(tmp_path, fmt):
    secret = tmp_path / "secret.txt"
    secret.write_text("the payroll password", encoding="utf-8")
    path = hostile(tmp_path, fmt, f'<!ENTITY secret SYSTEM "{secret.as_uri()}">', "&secret;")
    message = refusal(path, fmt)
    assert message == f"{path}: {REFUSED}"
    assert "payroll" not in message
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, secret.name])


@pytest.mark.parametrize("fmt", READERS)
def test_an_entity_from_the_network_is_refused_without_calling_it(tmp_path, fmt, listener):
    port = listener.getsockname()[1]
    path = hostile(tmp_path, fmt, f'<!ENTITY remote SYSTEM "http://127.0.0.1:{port}/x">',
                   "&remote;")
    assert refusal(path, fmt) == f"{path}: {REFUSED}"
    assert nobody_called(listener)


@pytest.mark.parametrize("fmt", READERS)
def test_an_external_dtd_or_parameter_entity_is_refused_without_calling_it(
        tmp_path, fmt, listener):
    port = listener.getsockname()[1]
    path = tmp_path / f"dtd.{fmt}"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE {fmt} SYSTEM '
                    f'"http://127.0.0.1:{port}/evil.dtd">\n' + ROOTS[fmt].format(body="x"),
                    encoding="utf-8")
    assert refusal(path, fmt) == f"{path}: {REFUSED}"
    parameter = hostile(tmp_path, fmt, f'<!ENTITY % p SYSTEM "http://127.0.0.1:{port}/p"> %p;',
                        "x")
    assert refusal(parameter, fmt) == f"{parameter}: {REFUSED}"
    assert nobody_called(listener)


@pytest.mark.parametrize("fmt", READERS)
def test_even_a_harmless_internal_entity_is_refused(tmp_path, fmt):
    """Neither format needs a DTD; refusing every one leaves nothing to judge case by case."""
    path = hostile(tmp_path, fmt, '<!ENTITY team "Sales">', "&team;")
    assert refusal(path, fmt) == f"{path}: {REFUSED}"


@pytest.mark.parametrize("fmt", READERS)
def test_a_folder_or_a_missing_file_is_named_plainly(tmp_path, fmt):
    (tmp_path / f"folder.{fmt}").mkdir()
    assert "is a folder" in refusal(tmp_path / f"folder.{fmt}", fmt)
    with pytest.raises(NotFound, match=f"there is no {NAMES[fmt]} file called"):
        READERS[fmt](tmp_path / f"gone.{fmt}")


@pytest.mark.parametrize("fmt", READERS)
def test_a_file_nested_thousands_of_levels_deep_is_refused_plainly(tmp_path, fmt):
    deep = 20_000
    nested = {"graphml": ('<node id="a"><graph>' * deep + "</graph></node>" * deep),
              "gexf": ('<node id="a"><nodes>' * deep + "</nodes></node>" * deep)}[fmt]
    path = tmp_path / f"deep.{fmt}"
    path.write_text(ROOTS[fmt].replace('<node id="n0">', nested + '<node id="n0">')
                    .replace('<node id="0" ', nested + '<node id="0" ').format(body="x"),
                    encoding="utf-8")
    assert refusal(path, fmt) == f"{path}: is nested too deeply to be read"
