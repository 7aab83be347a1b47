#!/usr/bin/env python3
"""The floor of a Python KRM function: read the ResourceList from stdin and write it back.

Nothing but ruamel.yaml with its C loader and emitter (ruamel.yaml.clib), the fastest way
a Python function can parse and serialise YAML; no validation, no results, no comments kept.
`bench/run.py` times it beside the functions, as the start-up no Python function can go below.
"""

import sys

from ruamel.yaml import YAML

yaml = YAML(typ="safe", pure=False)
yaml.dump(yaml.load(sys.stdin), sys.stdout)
