"""python -m oran_intent_krm.gateway: the same as the intent-gateway console script."""

import sys

from .cli import main

sys.exit(main())
