"""Exceptions: one class per JSON-RPC error code of docs/protocol.md, plus transport failures.

Every daemon error carries ``code``, ``message`` and ``data`` (the error's ``data`` member,
or None) and the ``method`` that failed.
"""


class ConfideError(Exception):
    """Base class of everything this client raises."""


class RPCError(ConfideError):
    """The daemon answered with a JSON-RPC error object."""

    code = None  # set by each subclass; an unknown code gets this class itself

    def __init__(self, code, message, data=None, method=None):
        super().__init__(f"{method or 'call'}: error {code}: {message}")
        self.code = code
        self.message = message
        self.data = data
        self.method = method


class ParseError(RPCError):
    """-32700: the line was not strict JSON (nothing was run)."""
    code = -32700


class InvalidRequest(RPCError):
    """-32600: not a JSON-RPC 2.0 request, or a line/batch over the daemon's limits."""
    code = -32600


class MethodNotFound(RPCError):
    """-32601: the daemon has no such method."""
    code = -32601


class InvalidParams(RPCError):
    """-32602: a parameter broke a rule; ``field`` and ``rule`` say which and why."""
    code = -32602

    @property
    def field(self):
        return (self.data or {}).get("field")

    @property
    def rule(self):
        return (self.data or {}).get("rule")


class InternalError(RPCError):
    """-32603: a bug in the daemon; the message never holds key material or text."""
    code = -32603


class Forbidden(RPCError):
    """-32003: this process's uid/gid holds no role that may call the method."""
    code = -32003


class NotFound(RPCError):
    """-32004: unknown or erased customer, unknown session.

    For legal and admin peers an erased customer has ``erased`` True and ``shredded_at``.
    """
    code = -32004

    @property
    def erased(self):
        return bool((self.data or {}).get("erased"))

    @property
    def shredded_at(self):
        return (self.data or {}).get("shredded_at")


class Unavailable(RPCError):
    """-32005: storage or audit write failed, too many connections, shutting down, or a
    reply over max_reply_bytes. The message says whether anything changed."""
    code = -32005


class IntegrityError(RPCError):
    """-32006: stored data failed authentication (tampered, misplaced or missing rows)."""
    code = -32006


class LegalHold(RPCError):
    """-32007: the customer is under legal hold; nothing was changed."""
    code = -32007


ERRORS_BY_CODE = {cls.code: cls for cls in (
    ParseError, InvalidRequest, MethodNotFound, InvalidParams, InternalError,
    Forbidden, NotFound, Unavailable, IntegrityError, LegalHold)}


def error_from_reply(error, method):
    """The exception for a reply's ``error`` object."""
    code = error.get("code")
    cls = ERRORS_BY_CODE.get(code, RPCError)
    return cls(code, error.get("message", ""), error.get("data"), method)


class TransportError(ConfideError):
    """The socket failed: cannot connect, connection lost, timed out, or a bad reply."""


class ConnectError(TransportError):
    """Could not connect to the daemon's socket (missing, refused, permission, timeout)."""


class CallTimeout(TransportError):
    """No complete reply within the call timeout. Whether the call ran is unknown; the
    connection is closed (a late reply must not answer the next call)."""


class ConnectionLost(TransportError):
    """The daemon closed the connection after the request was sent and before its reply.

    Whether the call ran is unknown. Raised for calls that are not safe to repeat; safe
    ones (reads, customer.shred) are retried instead.
    """


class TruncatedReply(TransportError):
    """A reply line ended before its JSON did (e.g. a streamed export cut by a shred or a
    daemon stop). Treat the call as failed, never as a shorter result."""


class ProtocolViolation(TransportError):
    """The daemon sent something that is not a JSON-RPC reply to this request."""


class ReceiptInvalid(ConfideError):
    """An erasure receipt does not verify: changed, or signed by another key."""


class SodiumUnavailable(ConfideError):
    """The system libsodium could not be loaded (needed only to verify receipts)."""
