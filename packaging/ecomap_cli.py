"""The built app's command line: what ``ecomap`` is when installed with pip."""

import sys

from app.cli import main

sys.exit(main())
