"""Offline check of an erasure receipt (the result of ``customer.shred``).

The daemon signs each receipt with its audit key (Ed25519) over the canonical encoding of
docs/protocol.md: the receipt without ``signature`` and ``repeat``, members sorted by name
(UTF-8 byte order, which is code-point order) at every level, compact JSON, non-ASCII
written as UTF-8, only ``"``, ``\\`` and control characters escaped. Python's standard
library has no Ed25519, so the check calls the system libsodium (Debian: ``libsodium23``)
through ctypes: ``crypto_sign_verify_detached``.
"""

import base64
import ctypes
import ctypes.util
import json
import threading

from .errors import ReceiptInvalid, SodiumUnavailable

_sodium = None
_sodium_lock = threading.Lock()


def _libsodium():
    global _sodium
    with _sodium_lock:
        if _sodium is None:
            name = ctypes.util.find_library("sodium")
            if name is None:
                raise SodiumUnavailable(
                    "libsodium not found (install the system package: apt-get install libsodium23)")
            lib = ctypes.CDLL(name)
            if lib.sodium_init() < 0:
                raise SodiumUnavailable("sodium_init() failed")
            lib.crypto_sign_verify_detached.argtypes = [
                ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulonglong, ctypes.c_char_p]
            lib.crypto_sign_verify_detached.restype = ctypes.c_int
            _sodium = lib
        return _sodium


def canonical_bytes(receipt):
    """The bytes the signature covers."""
    body = {k: v for k, v in receipt.items() if k not in ("signature", "repeat")}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def verify_receipt(receipt, public_key):
    """Raises ``ReceiptInvalid`` unless ``receipt`` (a dict, or its JSON text) is signed by
    ``public_key`` (64 hex characters, from ``confide keys public`` or a backup manifest's
    ``audit_public_key``) and unchanged. Returns None when it verifies."""
    if isinstance(receipt, (str, bytes)):
        receipt = json.loads(receipt)
    if not isinstance(receipt, dict):
        raise ReceiptInvalid("not an erasure receipt: not a JSON object")
    if "customer_ref" not in receipt or "shredded_at" not in receipt:
        raise ReceiptInvalid("not an erasure receipt: missing customer_ref or shredded_at")
    try:
        key = bytes.fromhex(public_key)
    except (TypeError, ValueError):
        raise ReceiptInvalid("public_key must be 64 hex characters") from None
    if len(key) != 32:
        raise ReceiptInvalid("public_key must be 64 hex characters (32 bytes)")
    try:
        signature = base64.b64decode(receipt.get("signature", ""), validate=True)
    except (TypeError, ValueError):
        raise ReceiptInvalid("not an erasure receipt: signature is not base64") from None
    if len(signature) != 64:
        raise ReceiptInvalid("not an erasure receipt: no 64-byte signature")
    message = canonical_bytes(receipt)
    if _libsodium().crypto_sign_verify_detached(signature, message, len(message), key) != 0:
        raise ReceiptInvalid(
            "the signature does not match the receipt: it was changed or signed by another key")
