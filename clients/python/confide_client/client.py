"""The Confide client: JSON-RPC 2.0 over the daemon's Unix socket, one JSON per line.

Behaviour worth knowing (docs/protocol.md is the contract):

* One connection per ``Client``, opened on first use and shared by its calls (a lock
  serialises them; use one client per thread for parallel calls).
* The daemon closes a connection idle for ``idle_timeout_s`` (60 s) without a word. Before
  each call the client checks whether the daemon has closed the connection, and reconnects
  when it has, or when the connection has been idle for ``max_idle`` seconds (default 50,
  below the daemon's 60), so a call is never sent into a closing connection.
* Retries: a call whose line never fully reached the daemon (connect failed, send failed,
  refused at accept for too many connections) ran nowhere and is retried whatever the
  method. A call that was sent but got no reply (connection lost, ``-32005``) is retried
  only when repeating it is safe: the reads and ``customer.shred``, whose repeat returns
  the stored receipt (``repeat: true``). Anything else raises ``ConnectionLost`` or the
  error: its outcome is the caller's to decide. Call timeouts are never retried.
* ``iter_export`` and ``iter_session_messages`` parse the reply as it arrives and yield one
  session (or message) at a time, so a large export is never held whole in memory. A reply
  cut short raises ``TruncatedReply``: treat it as a failed call, never a shorter export.
"""

import codecs
import datetime
import json
import os
import socket
import threading
import time

from .errors import (CallTimeout, ConnectError, ConnectionLost, InvalidParams, ProtocolViolation, RPCError, TransportError,
                     TruncatedReply, Unavailable, error_from_reply)

#: Methods that may be sent again when their first try got no reply: reads (each is audited
#: again, which is true: it was read again) and customer.shred (a repeat answers with the
#: stored receipt and "repeat": true).
SAFE_TO_REPEAT = frozenset({
    "session.get", "session.list", "customer.export", "customer.receipt", "customer.shred",
    "keys.status", "audit.tail", "audit.verify", "system.health", "system.stats",
})

_CHUNK = 64 * 1024


class _NotSent(Exception):
    """The request line did not fully reach the daemon, so it ran nowhere."""

    def __init__(self, cause, daemon_absent=False):
        super().__init__(str(cause))
        self.cause = cause
        #: No daemon at the socket (missing, or nobody listening): the next socket may serve.
        self.daemon_absent = daemon_absent


def _encode_default(value):
    """JSON for values json.dumps does not know: datetimes as RFC 3339 (UTC ``Z``)."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise TypeError("naive datetime: give a timezone (the daemon needs an offset)")
        return value.astimezone(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


class Client:
    """A connection to one Confide daemon.

    ``socket_path``: the daemon's socket (default ``$CONFIDE_SOCKET``), or a list of the
    sockets of several daemons sharing one PostgreSQL store: each new connection goes to the
    first whose daemon is there (a missing socket or a refused connect moves on), in order,
    and back to the first once it is up again. Only a connect moves on: a request that may
    have reached a daemon is never sent to another.
    ``connect_timeout``: seconds to wait for the connection.
    ``timeout``: seconds a call may take from sending to its complete reply (a streamed
    call: between two reads).
    ``retries``: extra tries for calls that are safe to repeat (see the module doc).
    ``max_idle``: reconnect before a call when the connection has been idle this long;
    keep it below the daemon's ``idle_timeout_s``.
    """

    def __init__(self, socket_path=None, *, connect_timeout=5.0, timeout=30.0, retries=2,
                 retry_delay=0.1, max_idle=50.0):
        if socket_path is None:
            socket_path = os.environ.get("CONFIDE_SOCKET")
        if not socket_path:
            raise ConnectError("no socket path: pass socket_path or set CONFIDE_SOCKET")
        paths = [socket_path] if isinstance(socket_path, (str, bytes, os.PathLike)) else list(socket_path)
        if not paths:
            raise ConnectError("no socket path: the list of sockets is empty")
        #: The sockets in order of preference; ``socket_path`` is the first.
        self.socket_paths = [os.fspath(p) for p in paths]
        self.socket_path = self.socket_paths[0]
        #: The socket of the current (or last) connection: which daemon answered.
        self.connected_socket_path = None
        self.connect_timeout = connect_timeout
        self.timeout = timeout
        self.retries = retries
        self.retry_delay = retry_delay
        self.max_idle = max_idle
        #: Connections opened so far (the first included): reconnects are this minus one.
        self.connections_opened = 0
        self._sock = None
        self._buffer = b""
        self._last_used = 0.0
        self._next_id = 0
        self._lock = threading.RLock()

    # -- connection ----------------------------------------------------------------------

    def close(self):
        """Closes the connection (a later call opens a new one)."""
        with self._lock:
            self._drop()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _drop(self):
        if self._sock is not None:
            try:
                self._sock.close()
            except OSError:
                pass
        self._sock = None
        self._buffer = b""

    def _connect(self):
        first = None
        for path in self.socket_paths:
            try:
                s = self._connect_to(path)
                break
            except _NotSent as e:
                # Only a daemon that is not there moves the client on to the next socket.
                if not e.daemon_absent:
                    raise
                first = first or e
        else:
            raise first
        self.connected_socket_path = path
        self._sock = s
        self._buffer = b""
        self.connections_opened += 1
        self._last_used = time.monotonic()

    def _connect_to(self, path):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM | socket.SOCK_CLOEXEC)
        s.settimeout(self.connect_timeout)
        try:
            s.connect(path)
            return s
        except FileNotFoundError:
            s.close()
            raise _NotSent(ConnectError(f"no socket at {path}: is the daemon running?"), daemon_absent=True) from None
        except PermissionError:
            s.close()
            raise ConnectError(f"permission denied connecting to {path}: "
                               "this user must be in the socket's group (socket_group)") from None
        except socket.timeout:
            s.close()
            raise _NotSent(ConnectError(f"connecting to {path} timed out after {self.connect_timeout} s")) from None
        except ConnectionRefusedError as e:
            s.close()
            raise _NotSent(ConnectError(f"cannot connect to {path}: {e.strerror or e}"), daemon_absent=True) from None
        except OSError as e:
            s.close()
            raise _NotSent(ConnectError(f"cannot connect to {path}: {e.strerror or e}")) from None

    def _usable(self):
        """False when the daemon closed the connection (idle timeout, restart) or left
        unread bytes on it; the caller then reconnects before sending anything."""
        if self._sock is None or self._buffer:
            return False
        if time.monotonic() - self._last_used > self.max_idle:
            return False
        try:
            self._sock.settimeout(0.0)  # with a timeout set, Python would wait for data first
            self._sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
        except (BlockingIOError, InterruptedError):
            return True  # nothing to read: open and quiet, as it should be
        except OSError:
            return False
        return False  # b"" (closed by the daemon) or bytes nobody asked for

    def _ensure_connected(self):
        if not self._usable():
            self._drop()
            self._connect()

    def _send(self, line):
        try:
            self._sock.settimeout(self.timeout)
            self._sock.sendall(line)
        except socket.timeout:
            self._drop()
            raise CallTimeout(f"sending the request timed out after {self.timeout} s") from None
        except OSError as e:
            # The daemon closed before the whole line arrived: it ran nothing. Why it closed
            # may be waiting unread (a refusal at accept: "too many connections").
            reason = self._parting_error()
            self._drop()
            raise _NotSent(reason or ConnectionLost(f"connection closed while sending: {e.strerror or e}")) from None

    def _parting_error(self):
        """The error line the daemon sent before closing, if one is waiting; else None."""
        try:
            self._sock.settimeout(0.0)
            data = self._buffer + self._sock.recv(_CHUNK)
            error = json.loads(data.partition(b"\n")[0]).get("error")
            return error_from_reply(error, None) if isinstance(error, dict) else None
        except (OSError, ValueError, AttributeError):
            return None

    def _recv(self, deadline):
        """Up to one chunk, or b"" at end of stream; CallTimeout past ``deadline``."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            self._drop()
            raise CallTimeout(f"no complete reply within {self.timeout} s; the call's outcome is unknown")
        self._sock.settimeout(remaining)
        try:
            return self._sock.recv(_CHUNK)
        except socket.timeout:
            self._drop()
            raise CallTimeout(f"no complete reply within {self.timeout} s; the call's outcome is unknown") from None
        except OSError as e:
            self._drop()
            raise ConnectionLost(f"connection failed while waiting for the reply ({e.strerror or e}); "
                                 "the call's outcome is unknown") from None

    def _read_line(self):
        deadline = time.monotonic() + self.timeout
        while b"\n" not in self._buffer:
            chunk = self._recv(deadline)
            if not chunk:
                partial = bool(self._buffer)
                self._drop()
                if partial:
                    raise TruncatedReply("the reply line ended before its JSON did; the call failed")
                raise ConnectionLost("the daemon closed the connection before replying; the call's outcome is unknown")
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        self._last_used = time.monotonic()
        return line

    def _request_line(self, method, params):
        self._next_id += 1
        request = {"jsonrpc": "2.0", "id": self._next_id, "method": method}
        if params:
            request["params"] = params
        try:
            text = json.dumps(request, ensure_ascii=False, allow_nan=False, separators=(",", ":"),
                              default=_encode_default)
        except ValueError as e:  # NaN or Infinity: the daemon would answer -32700
            raise ValueError(f"{method}: params hold a value JSON cannot carry: {e}") from None
        return self._next_id, text.encode("utf-8") + b"\n"

    def _check_reply(self, reply, request_id, method):
        if not isinstance(reply, dict) or reply.get("jsonrpc") != "2.0":
            self._drop()
            raise ProtocolViolation(f"{method}: the reply is not a JSON-RPC 2.0 object")
        if "error" in reply:
            error = reply["error"] if isinstance(reply["error"], dict) else {}
            if reply.get("id") not in (request_id, None):
                self._drop()
                raise ProtocolViolation(f"{method}: reply for id {reply.get('id')!r}, expected {request_id}")
            if reply.get("id") is None and error.get("code") == -32005:
                # Refused at accept ("too many connections"): the request was never read.
                self._drop()
                raise _NotSent(error_from_reply(error, method))
            raise error_from_reply(error, method)
        if reply.get("id") != request_id or "result" not in reply:
            self._drop()
            raise ProtocolViolation(f"{method}: reply for id {reply.get('id')!r}, expected {request_id}")
        return reply["result"]

    # -- calls ---------------------------------------------------------------------------

    def call(self, method, params=None):
        """Calls ``method`` with ``params`` (a dict) and returns its ``result``; raises the
        ``RPCError`` subclass of the error code, or a ``TransportError``."""
        safe = method in SAFE_TO_REPEAT
        tries = 1 + max(0, self.retries)
        with self._lock:
            for attempt in range(tries):
                last = attempt == tries - 1
                try:
                    self._ensure_connected()
                    request_id, line = self._request_line(method, params)
                    self._send(line)
                    raw = self._read_line()
                    try:
                        reply = json.loads(raw)
                    except ValueError:
                        self._drop()
                        raise TruncatedReply(f"{method}: the reply is not complete JSON; the call failed") from None
                    return self._check_reply(reply, request_id, method)
                except _NotSent as e:
                    if last:
                        raise e.cause from None
                except (ConnectionLost, TruncatedReply, Unavailable) as e:
                    if not safe or last or "max_reply_bytes" in str(e):
                        raise
                time.sleep(self.retry_delay * (2 ** attempt))
        raise AssertionError("unreachable")

    def _stream(self, method, params, member):
        """Sends one call and yields the elements of ``result[member]`` as they are parsed."""
        safe = method in SAFE_TO_REPEAT
        tries = 1 + max(0, self.retries)
        with self._lock:
            for attempt in range(tries):
                yielded = False
                try:
                    self._ensure_connected()
                    request_id, line = self._request_line(method, params)
                    self._send(line)
                    reader = _ReplyReader(self)
                    finished = False
                    try:
                        for item in reader.array_in_result(member, request_id, method):
                            yielded = True
                            yield item
                        finished = True
                    finally:
                        if not finished:
                            self._drop()  # the rest of the line is unread: the connection is spent
                    return
                except _NotSent as e:
                    if attempt == tries - 1:
                        raise e.cause from None
                except (ConnectionLost, TruncatedReply, Unavailable):
                    if yielded or not safe or attempt == tries - 1:
                        raise
                time.sleep(self.retry_delay * (2 ** attempt))

    # -- sessions (support role) -------------------------------------------------------------

    def session_append(self, customer, session, messages, *, redact=None):
        """Appends 1–1000 messages (dicts with role, text, optional ts/author/meta)."""
        p = {"customer": customer, "session": session, "messages": list(messages)}
        if redact is not None:
            p["redact"] = redact
        return self.call("session.append", p)

    def session_put(self, customer, session, messages, *, metadata=None, retention_days=None, redact=None):
        """Creates or replaces a whole session in one transaction."""
        p = {"customer": customer, "session": session, "messages": list(messages)}
        if metadata is not None:
            p["metadata"] = metadata
        if retention_days is not None:
            p["retention_days"] = retention_days
        if redact is not None:
            p["redact"] = redact
        return self.call("session.put", p)

    def session_get(self, customer, session, *, view=None, purpose=None):
        """One session with its messages (``view="redacted"`` for a de-identified copy)."""
        return self.call("session.get", _params(customer=customer, session=session, view=view, purpose=purpose))

    def iter_session_messages(self, customer, session, *, view=None, purpose=None):
        """Like ``session_get``, yielding the messages one at a time as the reply arrives."""
        return self._stream("session.get", _params(customer=customer, session=session, view=view, purpose=purpose),
                            "messages")

    def session_list(self, customer, *, limit=None, after=None, purpose=None):
        """One page of the customer's sessions; ``next`` in the result when there are more."""
        return self.call("session.list", _params(customer=customer, limit=limit, after=after, purpose=purpose))

    def iter_sessions(self, customer, *, page_size=100, purpose=None):
        """Every session summary of the customer, fetching page after page."""
        after = None
        while True:
            page = self.session_list(customer, limit=page_size, after=after, purpose=purpose)
            yield from page["sessions"]
            after = page.get("next")
            if after is None:
                return

    def session_delete(self, customer, session):
        return self.call("session.delete", {"customer": customer, "session": session})

    # -- customers (legal role) --------------------------------------------------------------

    def customer_export(self, customer, *, view=None, purpose=None):
        """Everything stored about the customer, as one dict (see ``iter_export`` for large ones)."""
        return self.call("customer.export", _params(customer=customer, view=view, purpose=purpose))

    def iter_export(self, customer, *, view=None, purpose=None):
        """The customer's sessions one at a time, parsed from the daemon's streamed reply."""
        return self._stream("customer.export", _params(customer=customer, view=view, purpose=purpose), "sessions")

    def customer_shred(self, customer, reason):
        """Crypto-shreds the customer and returns the signed erasure receipt. Safe to repeat:
        an erased customer's repeat returns the original receipt with ``repeat: True``."""
        return self.call("customer.shred", {"customer": customer, "reason": reason})

    def customer_receipt(self, customer):
        """The stored receipt of the customer's newest erasure."""
        return self.call("customer.receipt", {"customer": customer})

    def customer_hold(self, customer, reason):
        return self.call("customer.hold", {"customer": customer, "reason": reason})

    def customer_release(self, customer, reason):
        return self.call("customer.release", {"customer": customer, "reason": reason})

    # -- keys, audit, system (admin role) ----------------------------------------------------

    def keys_status(self):
        return self.call("keys.status")

    def keys_rotate(self, target="kek", customer=None):
        return self.call("keys.rotate", _params(target=target, customer=customer))

    def audit_verify(self, public_key=None):
        return self.call("audit.verify", _params(public_key=public_key))

    def audit_tail(self, *, limit=None, after=None, follow=None):
        return self.call("audit.tail", _params(limit=limit, after=after, follow=follow))

    def follow_audit(self, *, after=None, poll_interval=1.0, stop=None):
        """Yields audit entries as they are committed, for forwarding to a SIEM: an
        ``audit.tail`` follow, audited once (purpose ``follow``), not once per poll.
        Starts after seq ``after``, else with the newest entry (the follow's own). A follow
        token that expired (daemon restart, a poll gap over 60 s) is renewed without losing
        or repeating an entry; while the daemon cannot be reached it keeps polling. ``stop``: a ``threading.Event`` that ends the loop."""
        page = 1000
        first = self.audit_tail(limit=1 if after is None else page, after=after, follow=True)
        token = first["follow"]
        entries = first["entries"]
        while True:
            for entry in entries:
                after = entry["seq"]
                yield entry
            if stop is not None and stop.is_set():
                return
            if len(entries) < page:
                if stop is not None:
                    if stop.wait(poll_interval):
                        return
                else:
                    time.sleep(poll_interval)
            try:
                entries = self.audit_tail(limit=page, after=after, follow=token)["entries"]
            except InvalidParams as e:
                if e.field != "follow":
                    raise
                renewed = self.audit_tail(limit=page, after=after, follow=True)
                token, entries = renewed["follow"], renewed["entries"]
            except TransportError:
                entries = []  # the daemon is restarting or gone for a moment: poll again

    def system_health(self):
        """Anyone who can connect may call it."""
        return self.call("system.health")

    def system_stats(self):
        return self.call("system.stats")

    def system_backup(self, to, *, keys=None, data=None):
        """Copies data.db and keys.db into the new folder ``to`` (absolute path)."""
        return self.call("system.backup", _params(to=os.fspath(to), keys=keys, data=data))


def _params(**kwargs):
    """The keyword arguments that were given (None means: leave the member out)."""
    return {k: v for k, v in kwargs.items() if v is not None}


class _ReplyReader:
    """Parses one reply line incrementally from the client's socket: the envelope member by
    member, and inside ``result`` one array element at a time. Decoding a value is retried
    with twice the text each time it is incomplete, so parsing stays linear."""

    def __init__(self, client):
        self.client = client
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
        self.json = json.JSONDecoder()
        self.text = ""
        self.pos = 0
        self.ended = False  # the newline has been read
        self.deadline = time.monotonic() + client.timeout

    def _fill(self):
        if self.ended:
            raise TruncatedReply("the reply line ended before its JSON did; the call failed")
        c = self.client
        if c._buffer:
            chunk, c._buffer = c._buffer, b""
        else:
            chunk = c._recv(self.deadline)
            self.deadline = time.monotonic() + c.timeout  # the timeout is per read while streaming
        if not chunk:
            started = self.text != "" or self.pos > 0
            c._drop()
            if started:
                raise TruncatedReply("the connection closed in the middle of the reply; the call failed "
                                     "(a cut export is not a shorter export)")
            raise ConnectionLost("the daemon closed the connection before replying; the call's outcome is unknown")
        line_end = chunk.find(b"\n")
        if line_end >= 0:
            c._buffer = chunk[line_end + 1:]
            chunk = chunk[:line_end]
            self.ended = True
        try:
            self.text += self.decoder.decode(chunk, final=self.ended)
        except UnicodeDecodeError:
            c._drop()
            raise ProtocolViolation("the reply is not valid UTF-8") from None
        if self.pos > (1 << 20):
            self.text = self.text[self.pos:]
            self.pos = 0

    def _skip_ws(self):
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in " \t\r":
                self.pos += 1
            if self.pos < len(self.text):
                return self.text[self.pos]
            self._fill()

    def _expect(self, ch):
        got = self._skip_ws()
        if got != ch:
            self.client._drop()
            raise ProtocolViolation(f"expected {ch!r} in the reply, found {got!r}")
        self.pos += 1

    def _value(self):
        self._skip_ws()
        want = 0
        while True:
            available = len(self.text) - self.pos
            if available >= want or self.ended:
                try:
                    value, end = self.json.raw_decode(self.text, self.pos)
                    # A value ending exactly at the end of the text may be cut (a number).
                    if end < len(self.text) or self.ended:
                        self.pos = end
                        return value
                except ValueError:
                    if self.ended:
                        self.client._drop()
                        raise TruncatedReply("the reply is not complete JSON; the call failed") from None
                want = max(2 * available, _CHUNK)
            self._fill()

    def array_in_result(self, member, request_id, method):
        envelope = {}
        self._expect("{")
        while True:
            if self._skip_ws() == "}":
                self.pos += 1
                break
            key = self._value()
            self._expect(":")
            if key == "result" and self._skip_ws() == "{":
                self.pos += 1
                yield from self._result_object(member)
                envelope["result"] = True
            else:
                envelope[key] = self._value()
            if self._skip_ws() == ",":
                self.pos += 1
        while True:  # only whitespace may follow, up to the newline
            if self.text[self.pos:].strip(" \t\r"):
                self.client._drop()
                raise ProtocolViolation(f"{method}: text after the reply object")
            if self.ended:
                break
            self.pos = len(self.text)
            self._fill()
        self.client._last_used = time.monotonic()
        if "error" in envelope or envelope.get("id") != request_id:
            self.client._check_reply({"jsonrpc": envelope.get("jsonrpc"), "id": envelope.get("id"),
                                      **({"error": envelope["error"]} if "error" in envelope else {"result": None})},
                                     request_id, method)
        elif envelope.get("jsonrpc") != "2.0" or "result" not in envelope:
            self.client._drop()
            raise ProtocolViolation(f"{method}: the reply is not a JSON-RPC 2.0 result")

    def _result_object(self, member):
        while True:
            if self._skip_ws() == "}":
                self.pos += 1
                return
            key = self._value()
            self._expect(":")
            if key == member and self._skip_ws() == "[":
                self.pos += 1
                while True:
                    if self._skip_ws() == "]":
                        self.pos += 1
                        break
                    yield self._value()
                    if self._skip_ws() == ",":
                        self.pos += 1
            else:
                self._value()
            if self._skip_ws() == ",":
                self.pos += 1
