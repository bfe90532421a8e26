"""``ecomap analyze MAP``: the health checks on the command line, as a report or as JSON.

The checks stand on networkx and numpy (half a second to load): ``run`` imports them, so the
rest of the command line never waits for them.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.errors import BadInput

EXIT_OK, EXIT_FINDINGS = 0, 3
# As ``app.analysis.SEVERITIES`` (a test holds them equal): named here, so that building the
# command line does not load the checks.
SEVERITIES = ("high", "medium", "low")

DESCRIPTION = """\
Check a map for what weakens the learning ecosystem: one building block or kind crowding out
the rest (cane toad), pieces connected to nothing, islands, content nobody uses, hubs that
everything flows through, single points of failure, empty building blocks and missing informal
learning. Prints the health score (0-100) with every deduction, the balance of the building
blocks, and each finding with the nodes it concerns and what you could do about it.

Thresholds come from the map's settings.thresholds (see the README).

exit status: 0 done (findings do not change it unless --fail-on is given); 2 the map could not
be read or a value is wrong; 3 with --fail-on, a finding of that severity or worse is present."""

JSON_HELP = """print one JSON object instead of the report: {"map", "health", "balance",
"findings"} (and "what_if" with --without)"""


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``analyze`` on the ``ecomap`` command's subparsers."""
    p = subparsers.add_parser(
        "analyze", help="check a map's ecosystem health: score, balance, findings",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("map", type=Path, metavar="MAP", help="an .ecomap file or a .json map")
    p.add_argument("--json", action="store_true", help=JSON_HELP)
    p.add_argument("--fail-on", choices=SEVERITIES, metavar="{high,medium,low}",
                   help="exit with status 3 if any finding is this severe or worse "
                        "(for scripts and CI); it judges the map as it is, even with --without")
    p.add_argument("--without", metavar="ID[,ID…]",
                   help="what if these nodes were gone? Also analyse the map without them "
                        "(node ids, comma-separated) and show what the ecosystem would lose; "
                        "the map itself is not changed")
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Analyse the map, print the result, and return the exit status."""
    from app.analysis import analyze, report, to_json, what_if, what_if_report
    from app.analysis.json_output import what_if_to_json
    from app.files import load_map

    data = load_map(args.map)
    removed = removed_ids(args.without)
    if removed:
        result = what_if(data, removed)
        analysis = result.before
    else:
        result, analysis = None, analyze(data)
    if args.json:
        output = to_json(analysis)
        if result is not None:
            output["what_if"] = what_if_to_json(result)
        print(json.dumps(output, ensure_ascii=False, indent=2))
    else:
        print(report(analysis, {c.key: c.name for c in data.categories}), end="")
        if result is not None:
            print()
            print(what_if_report(result), end="")
    return exit_status(analysis.findings, args.fail_on)


def removed_ids(without: str | None) -> list[str]:
    """The node ids given to ``--without``; blanks between commas are ignored."""
    if without is None:
        return []
    ids = [part.strip() for part in without.split(",") if part.strip()]
    if not ids:
        raise BadInput("give at least one node id, like --without lms or --without lms,coach",
                       "--without")
    return ids


def exit_status(findings, fail_on: str | None) -> int:
    """3 when ``fail_on`` is given and a finding at least that severe is present, else 0."""
    if fail_on is None:
        return EXIT_OK
    worst_allowed = SEVERITIES.index(fail_on)
    if any(SEVERITIES.index(f.severity) <= worst_allowed for f in findings):
        return EXIT_FINDINGS
    return EXIT_OK
