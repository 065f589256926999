"""What the client does when the peer misbehaves in ways the real daemon does only under
crashes, restarts or overload (a reply lost after the request was read, a line cut in
the middle, no reply at all). A scripted peer on a real Unix socket plays those parts; the
behaviour against the real daemon is in test_client.py."""

import json
import os
import socket
import threading
import time

import pytest

import confide_client as cc


class ScriptedPeer:
    """Accepts connections one after another; for each, `script(conn, request)` decides
    what happens to the first request line read on it. Records every request seen."""

    def __init__(self, path, script):
        self.path = path
        self.script = script
        self.requests = []
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(path)
        self.server.listen(8)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                reader = conn.makefile("rb")
                while True:
                    line = reader.readline()
                    if not line:
                        break
                    request = json.loads(line)
                    self.requests.append(request)
                    if not self.script(conn, request, len(self.requests)):
                        break
                reader.close()  # else the file object keeps the descriptor (and the connection) open

    def close(self):
        self.server.close()


def reply(conn, request, result):
    conn.sendall(json.dumps({"jsonrpc": "2.0", "result": result, "id": request["id"]}).encode() + b"\n")


@pytest.fixture
def sock_path(tmp_path):
    return str(tmp_path / "peer.sock")


def lose_first_reply(conn, request, n):
    """The first request is read and its connection closed with no reply (as if the daemon
    died after running it); later ones are answered."""
    if n == 1:
        return False
    reply(conn, request, {"ok": n})
    return True


def test_safe_calls_are_retried_after_a_lost_reply(sock_path):
    peer = ScriptedPeer(sock_path, lose_first_reply)
    c = cc.Client(sock_path, retry_delay=0.01)
    assert c.session_get("c", "s") == {"ok": 2}
    assert [r["method"] for r in peer.requests] == ["session.get", "session.get"]
    peer.close()


def test_shred_is_retried_after_a_lost_reply(sock_path):
    peer = ScriptedPeer(sock_path, lose_first_reply)
    c = cc.Client(sock_path, retry_delay=0.01)
    assert c.customer_shred("c", "GDPR-1") == {"ok": 2}
    assert len(peer.requests) == 2
    peer.close()


@pytest.mark.parametrize("method,params", [
    ("session.append", {"customer": "c", "session": "s", "messages": [{"role": "bot", "text": "x"}]}),
    ("session.delete", {"customer": "c", "session": "s"}),
    ("keys.rotate", {"target": "kek"}),
    ("customer.hold", {"customer": "c", "reason": "r"}),
])
def test_unsafe_calls_are_not_repeated(sock_path, method, params):
    peer = ScriptedPeer(sock_path, lose_first_reply)
    c = cc.Client(sock_path, retry_delay=0.01)
    with pytest.raises(cc.ConnectionLost, match="outcome is unknown"):
        c.call(method, params)
    assert len(peer.requests) == 1, "a write whose outcome is unknown must not be sent twice"
    peer.close()


def test_unavailable_is_retried_only_for_safe_calls(sock_path):
    def busy_once(conn, request, n):
        if n == 1:
            conn.sendall(json.dumps({"jsonrpc": "2.0", "error": {"code": -32005, "message": "Unavailable: storage: database is locked; nothing was changed"},
                                     "id": request["id"]}).encode() + b"\n")
        else:
            reply(conn, request, {"ok": n})
        return True
    peer = ScriptedPeer(sock_path, busy_once)
    c = cc.Client(sock_path, retry_delay=0.01)
    assert c.keys_status() == {"ok": 2}
    peer.requests.clear()
    peer.script = lambda conn, request, n: busy_once(conn, request, 1) if request["method"] == "session.put" else True
    with pytest.raises(cc.Unavailable) as e:
        c.session_put("c", "s", [])
    assert e.value.code == -32005 and "nothing was changed" in e.value.message
    assert len(peer.requests) == 1
    peer.close()


def test_a_cut_stream_is_a_failure_never_a_shorter_export(sock_path):
    def cut(conn, request, n):
        conn.sendall(b'{"jsonrpc":"2.0","id":' + str(request["id"]).encode()
                     + b',"result":{"customer":"c","sessions":[{"session":"s-1","messages":[]},{"session":"s-2","mess')
        return False
    peer = ScriptedPeer(sock_path, cut)
    c = cc.Client(sock_path, retries=0)
    got = []
    with pytest.raises(cc.TruncatedReply):
        for s in c.iter_export("c"):
            got.append(s["session"])
    assert got == ["s-1"]
    with pytest.raises(cc.TruncatedReply):
        c.customer_export("c")
    peer.close()


def test_a_stream_that_already_yielded_is_not_retried(sock_path):
    def cut(conn, request, n):
        conn.sendall(b'{"jsonrpc":"2.0","id":' + str(request["id"]).encode() + b',"result":{"customer":"c","sessions":[{"session":"s-1"},')
        return False
    peer = ScriptedPeer(sock_path, cut)
    c = cc.Client(sock_path, retries=3, retry_delay=0.01)
    with pytest.raises(cc.TruncatedReply):
        list(c.iter_export("c"))
    assert len(peer.requests) == 1, "sessions were handed out already: a retry would repeat them"
    peer.close()


def test_call_timeout_closes_the_connection(sock_path):
    def silent(conn, request, n):
        if n == 1:
            time.sleep(1.0)  # never answers in time
            return False
        reply(conn, request, {"ok": n})
        return True
    peer = ScriptedPeer(sock_path, silent)
    c = cc.Client(sock_path, timeout=0.3)
    started = time.monotonic()
    with pytest.raises(cc.CallTimeout):
        c.keys_status()
    assert time.monotonic() - started < 0.9
    # The late reply can never answer the next call: it goes over a new connection.
    time.sleep(0.8)
    assert c.keys_status() == {"ok": 2}
    assert c.connections_opened == 2
    peer.close()


def test_a_reply_for_another_id_is_a_protocol_violation(sock_path):
    def wrong_id(conn, request, n):
        conn.sendall(json.dumps({"jsonrpc": "2.0", "result": {}, "id": request["id"] + 100}).encode() + b"\n")
        return True
    peer = ScriptedPeer(sock_path, wrong_id)
    with pytest.raises(cc.ProtocolViolation):
        cc.Client(sock_path, retries=0).system_health()
    peer.close()
