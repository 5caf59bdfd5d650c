"""`python -m attunement.language KIND`: the same as `attunement analyze KIND`."""

import sys

from .cli import main

sys.exit(main())
