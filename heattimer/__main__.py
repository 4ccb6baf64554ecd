"""`python -m heattimer`: the same as the `heattimer` command."""

import sys

from heattimer.cli import main

sys.exit(main())
