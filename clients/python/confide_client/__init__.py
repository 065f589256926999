"""Python client for the Confide daemon. Standard library only; receipt verification uses
the system libsodium through ctypes. See README.md."""

from .client import SAFE_TO_REPEAT, Client
from .errors import (CallTimeout, ConfideError, ConnectError, ConnectionLost, Forbidden, IntegrityError,
                     InternalError, InvalidParams, InvalidRequest, LegalHold, MethodNotFound, NotFound,
                     ParseError, ProtocolViolation, ReceiptInvalid, RPCError, SodiumUnavailable,
                     TransportError, TruncatedReply, Unavailable)
from .receipt import canonical_bytes, verify_receipt

__version__ = "0.1.0"

__all__ = [
    "Client", "SAFE_TO_REPEAT", "verify_receipt", "canonical_bytes",
    "ConfideError", "RPCError", "ParseError", "InvalidRequest", "MethodNotFound", "InvalidParams",
    "InternalError", "Forbidden", "NotFound", "Unavailable", "IntegrityError", "LegalHold",
    "TransportError", "ConnectError", "CallTimeout", "ConnectionLost", "TruncatedReply",
    "ProtocolViolation", "ReceiptInvalid", "SodiumUnavailable",
]
