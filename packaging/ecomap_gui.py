"""The built app's window: what ``ecomap-gui`` is when installed with pip."""

import sys

from ui.main import main

sys.exit(main())
