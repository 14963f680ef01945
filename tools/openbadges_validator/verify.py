"""Run 1EdTech's validator on a hosted assertion URL or a signed one (JWS); print its report.

Usage: tools/openbadges_validator/venv/bin/python tools/openbadges_validator/verify.py URL|JWS

The Open Badges 2.0 JSON-LD context (https://w3id.org/openbadges/v2) is served from the copy
the validator ships (``openbadges_context.py``) rather than fetched, so that it runs without
Internet access: the validator's own test suite does the same. Everything else (assertion,
badge class, issuer, images) is fetched over HTTP from the server under test.
"""

import json
import sys


def accept_pycryptodome_keys() -> None:
    """What python-jose 3.0.1 accepted: a pycryptodome RSA key object, here given as its PEM."""
    from types import SimpleNamespace

    from Crypto.PublicKey import RSA
    from jose import jwk
    from openbadges.verifier.tasks import crypto

    def construct(key_data, algorithm=None):
        if isinstance(key_data, RSA.RsaKey):
            key_data = key_data.export_key("PEM").decode()
        return jwk.construct(key_data, algorithm)

    # Only the validator's crypto module sees it; jose itself is left as it is.
    crypto.jwk = SimpleNamespace(construct=construct)


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
    accept_pycryptodome_keys()

    if sys.argv[1:] == ["--self-check"]:
        print("openbadges validator ready")
        return 0
    report = verify(sys.argv[1], use_cache=False)
    json.dump(report, sys.stdout, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
