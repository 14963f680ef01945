"""The site's Open Badges 3.0 signing key: an Ed25519 key in a PEM file, made on first use.

``BADGES_SIGNING_KEY_FILE`` names the file (default ``VAR_DIR/badges-signing-key.pem``). When it
does not exist, a new key is written there, readable by the site's user only (0600); several
processes starting at once agree on one key, because the file appears whole or not at all
(written aside, then hard-linked into place). ``BADGES_RETIRED_KEY_FILES`` lists the PEM files
of former keys (private or public) whose public keys stay in the DID document after a rotation.

Open Badges 2.0 *signed* assertions need an RSA key (RS256, the one algorithm 1EdTech's
validator checks): ``BADGES_RSA_KEY_FILE`` (default ``VAR_DIR/badges-rsa-key.pem``), made on
first use the same way.
"""

import base64
import contextlib
import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ALGORITHM = "EdDSA"
RSA_ALGORITHM = "RS256"
RSA_KEY_SIZE = 3072


def key_file() -> Path:
    return Path(settings.BADGES_SIGNING_KEY_FILE)


def _create_key_file(path: Path, new_key=Ed25519PrivateKey.generate) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = new_key().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    # mkstemp creates the file with mode 0600.
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".badges-key-")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(pem)
            handle.flush()
            os.fsync(handle.fileno())
        # Fails when another process made the key first: then theirs is the key.
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        os.unlink(temporary)


@lru_cache(maxsize=4)
def _load_private_key(path: str) -> Ed25519PrivateKey:
    file = Path(path)
    if not file.exists():
        _create_key_file(file)
    key = serialization.load_pem_private_key(file.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured(f"{path} must hold an Ed25519 private key (PEM).")
    return key


def private_key() -> Ed25519PrivateKey:
    return _load_private_key(str(key_file()))


def _public_key_of_file(path: str) -> Ed25519PublicKey:
    data = Path(path).read_bytes()
    if b"PRIVATE KEY" in data:
        key = serialization.load_pem_private_key(data, password=None).public_key()
    else:
        key = serialization.load_pem_public_key(data)
    if not isinstance(key, Ed25519PublicKey):
        raise ImproperlyConfigured(f"{path} must hold an Ed25519 key (PEM).")
    return key


def public_jwk(key: Ed25519PublicKey) -> dict:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    x = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    return {"kty": "OKP", "crv": "Ed25519", "x": x}


def key_fragment(key: Ed25519PublicKey) -> str:
    """The key's name in the DID document: its RFC 7638 thumbprint, so a new key gets a new name."""
    jwk = public_jwk(key)
    canonical = json.dumps(jwk, sort_keys=True, separators=(",", ":")).encode()
    thumbprint = base64.urlsafe_b64encode(hashlib.sha256(canonical).digest()).decode()
    return "key-" + thumbprint.rstrip("=")


def published_keys() -> list[Ed25519PublicKey]:
    """The current public key first (verifiers fall back to the first), then retired ones."""
    keys = [private_key().public_key()]
    for path in settings.BADGES_RETIRED_KEY_FILES:
        key = _public_key_of_file(path)
        if key_fragment(key) not in {key_fragment(k) for k in keys}:
            keys.append(key)
    return keys


def sign(payload: dict, key_id: str) -> str:
    """A compact JWS of ``payload`` with the current key; ``key_id`` names it (``did#key-…``)."""
    return jwt.encode(
        payload, private_key(), algorithm=ALGORITHM, headers={"kid": key_id, "typ": "JWT"}
    )


def rsa_key_file() -> Path:
    return Path(settings.BADGES_RSA_KEY_FILE)


def _new_rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=RSA_KEY_SIZE)


@lru_cache(maxsize=4)
def _load_rsa_private_key(path: str) -> rsa.RSAPrivateKey:
    file = Path(path)
    if not file.exists():
        _create_key_file(file, _new_rsa_key)
    key = serialization.load_pem_private_key(file.read_bytes(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ImproperlyConfigured(f"{path} must hold an RSA private key (PEM).")
    return key


def rsa_private_key() -> rsa.RSAPrivateKey:
    return _load_rsa_private_key(str(rsa_key_file()))


def rsa_public_pem() -> str:
    """The public half of the RSA key, as the ``publicKeyPem`` of an OB 2.0 CryptographicKey."""
    return (
        rsa_private_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def sign_rs256(payload: bytes) -> str:
    """A compact JWS (RS256) of exactly these bytes, with the RSA key."""
    return jwt.api_jws.encode(payload, rsa_private_key(), algorithm=RSA_ALGORITHM)
