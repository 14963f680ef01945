"""Run 1EdTech's validator on a hosted assertion URL; print its report as JSON.

Usage: tools/openbadges_validator/venv/bin/python tools/openbadges_validator/verify.py URL

The Open Badges 2.0 JSON-LD context (https://w3id.org/openbadges/v2) is served from the copy
the validator ships (``openbadges_context.py``) rather than fetched, so that it runs without
Internet access: the validator's own test suite does the same. Everything else (assertion,
badge class, issuer, images) is fetched over HTTP from the server under test.
"""

import json
import sys


def main() -> int:
    from openbadges import verify
    from openbadges.verifier import utils
    from openbadges.verifier.openbadges_context import (
        OPENBADGES_CONTEXT_V2_DICT,
        OPENBADGES_CONTEXT_V2_URI,
    )

    bundled = {
        OPENBADGES_CONTEXT_V2_URI: OPENBADGES_CONTEXT_V2_DICT,
        "https://openbadgespec.org/v2/context.json": OPENBADGES_CONTEXT_V2_DICT,
    }
    fetch = utils.CachableDocumentLoader.__call__

    def load(self, url):
        if url in bundled:
            document = json.dumps(bundled[url])
            return {"contextUrl": None, "documentUrl": url, "document": document}
        return fetch(self, url)

    utils.CachableDocumentLoader.__call__ = load

    if sys.argv[1:] == ["--self-check"]:
        print("openbadges validator ready")
        return 0
    report = verify(sys.argv[1], use_cache=False)
    json.dump(report, sys.stdout, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
