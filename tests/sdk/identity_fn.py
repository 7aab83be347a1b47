"""A function built on the SDK that changes nothing: the fidelity baseline under kpt."""

import sys

from oran_intent_krm.sdk import Function

if __name__ == "__main__":
    sys.exit(Function("identity", "0.0.0", "changes nothing", lambda ctx: None).main())
