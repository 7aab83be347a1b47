"""A function built on the SDK that edits every item in place: it adds one annotation."""

import sys

from oran_intent_krm.sdk import Function


def annotate(ctx):
    for item in ctx.select(include_local_config=True):
        metadata = item["metadata"]
        if metadata.get("annotations") is None:
            metadata["annotations"] = {}
        metadata["annotations"]["example.com/touched"] = "true"


if __name__ == "__main__":
    sys.exit(Function("annotate", "0.0.0", "annotates every item", annotate, reads=("*/*",), edits=("*/*",)).main())
