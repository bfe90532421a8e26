"""Speed measurements against design.md's targets: run with ``make bench``."""
