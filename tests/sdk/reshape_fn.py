"""A function built on the SDK that generates, from each Source, an object whose spec.value is the source's, scalar or list."""

import sys

from oran_intent_krm.sdk import Function, Generated


def derive(ctx):
    return [
        Generated({"apiVersion": "example.com/v1", "kind": "Derived", "metadata": {"name": src["metadata"]["name"]},
                   "spec": {"value": src["spec"]["value"]}}, src, path=f"generated/{src['metadata']['name']}.yaml")
        for src in ctx.select(kinds=["Source"])
    ]


if __name__ == "__main__":
    sys.exit(Function("reshape", "0.0.0", "derives objects", derive, reads=("example.com/Source",)).main())
