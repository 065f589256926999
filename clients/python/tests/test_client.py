"""The client against the real daemon: every method, typed errors, reconnects, retries,
streaming and receipts."""

import datetime
import json
import os
import shutil
import subprocess
import sys
import threading
import time

import pytest

import confide_client as cc
from confide_client import Client


def msg(text, role="customer", **extra):
    return {"role": role, "text": text, **extra}


def test_sessions_round_trip(daemon):
    c = Client(daemon.socket_path)
    ts = datetime.datetime(2026, 11, 24, 10, 0, 0, 123456, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    r = c.session_append("c-1", "s-1", [msg("Hi, I am Ana", ts=ts), msg("Hello!", role="agent", author="agent-7")])
    assert r == {"session": "s-1", "count": 2, "first_seq": 1}
    assert c.session_append("c-1", "s-1", [msg("mail me: ana@example.com")], redact=True)["first_seq"] == 3
    got = c.session_get("c-1", "s-1", purpose="support")
    assert [m["text"] for m in got["messages"]] == ["Hi, I am Ana", "Hello!", "mail me: [EMAIL_1]"]
    # A datetime with an offset is sent as UTC with milliseconds.
    assert got["messages"][0]["ts"] == "2026-11-24T08:00:00.123Z"
    assert got["messages"][1]["author"] == "agent-7"

    assert c.session_put("c-1", "s-2", [msg("put")], metadata={"channel": "chat"}, retention_days=30) == {"session": "s-2", "count": 1}
    for i in range(3, 8):
        c.session_put("c-1", f"s-{i}", [])
    pages = c.session_list("c-1", limit=3)
    assert len(pages["sessions"]) == 3 and "next" in pages
    assert [s["session"] for s in c.iter_sessions("c-1", page_size=2)] == [f"s-{i}" for i in range(1, 8)]
    assert c.session_delete("c-1", "s-2") == {"deleted": True}
    with pytest.raises(cc.NotFound):
        c.session_get("c-1", "s-2")
    assert c.connections_opened == 1, "every call above went over one connection"


def test_errors_are_typed_and_carry_data(daemon):
    c = Client(daemon.socket_path)
    c.session_append("c-2", "s-1", [msg("x")])
    with pytest.raises(cc.InvalidParams) as e:
        c.session_get("c-2", "s-1", purpose="Not A Label!")
    assert e.value.code == -32602 and e.value.field == "purpose" and e.value.rule
    assert e.value.data == {"field": "purpose", "rule": e.value.rule}
    assert e.value.method == "session.get"
    with pytest.raises(cc.InvalidParams) as e:
        c.call("session.get", {"customer": "c-2", "session": "s-1", "colour": "red"})
    assert "colour" in e.value.message
    with pytest.raises(cc.MethodNotFound):
        c.call("no.such.method")
    with pytest.raises(cc.NotFound) as e:
        c.session_get("c-2", "nope")
    assert not e.value.erased

    c.customer_hold("c-2", "LIT-1")
    with pytest.raises(cc.LegalHold) as e:
        c.customer_shred("c-2", "GDPR-1")
    assert e.value.code == -32007
    c.customer_release("c-2", "LIT-1 closed")
    c.customer_shred("c-2", "GDPR-1")
    with pytest.raises(cc.NotFound) as e:
        c.session_get("c-2", "s-1")
    assert not e.value.erased, "support calls are not told that a customer was erased"
    with pytest.raises(cc.NotFound) as e:
        c.customer_export("c-2")
    # A legal call on an erased customer carries error.data: erased and when.
    assert e.value.erased and e.value.shredded_at and e.value.data["erased"] is True
    # Every class is an RPCError with its code; the base class catches them all.
    assert issubclass(cc.LegalHold, cc.RPCError) and issubclass(cc.RPCError, cc.ConfideError)

    with pytest.raises(ValueError):
        c.session_append("c-2", "s-1", [msg("x", meta={"score": float("nan")})])


def test_forbidden_for_a_uid_without_a_role(daemon):
    """Roles come from the kernel (SO_PEERCRED): run the client as uid 65534, which the
    dev daemon maps to no role."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to run the client as another uid")
    # A copy of the package and an interpreter that uid 65534 can read (not under /root).
    python = shutil.which("python3", path="/usr/bin:/usr/local/bin:/bin") or sys.executable
    folder = os.path.join(daemon.root, "nobody")
    shutil.copytree(os.path.dirname(os.path.abspath(cc.__file__)), os.path.join(folder, "confide_client"))
    script = os.path.join(folder, "as_nobody.py")
    with open(script, "w") as f:
        f.write("import json, sys\n"
                f"sys.path.insert(0, {folder!r})\n"
                "import confide_client as cc\n"
                "c = cc.Client(sys.argv[1])\n"
                "health = c.system_health()['status']\n"
                "try:\n"
                "    c.session_list('c-9')\n"
                "except cc.Forbidden as e:\n"
                "    print(json.dumps({'health': health, 'code': e.code, 'message': e.message}))\n")
    for dirpath, dirs, files in os.walk(folder):
        os.chmod(dirpath, 0o755)
        for name in files:
            os.chmod(os.path.join(dirpath, name), 0o644)
    out = subprocess.run(["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups",
                          python, "-B", script, daemon.socket_path], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert got["health"] == "ok" and got["code"] == -32003 and "session.list" in got["message"]


def test_reconnects_after_the_daemons_idle_close(start_daemon):
    d = start_daemon({"idle_timeout_s": 0.5})
    c = Client(d.socket_path)
    c.session_append("c-3", "s-1", [msg("one")])
    time.sleep(1.2)  # the daemon closes the idle connection, saying nothing
    # An append is not safe to repeat: it works only because the client saw the close
    # before sending, not by retrying.
    c.session_append("c-3", "s-1", [msg("two")])
    assert c.connections_opened == 2
    assert [m["text"] for m in c.session_get("c-3", "s-1")["messages"]] == ["one", "two"]


def test_reconnects_after_a_daemon_restart(daemon):
    c = Client(daemon.socket_path)
    c.session_append("c-4", "s-1", [msg("before")])
    daemon.restart()
    c.session_append("c-4", "s-1", [msg("after")])
    assert [m["text"] for m in c.session_get("c-4", "s-1")["messages"]] == ["before", "after"]
    assert c.connections_opened == 2


def test_proactive_reconnect_below_the_daemons_idle_timeout(daemon):
    c = Client(daemon.socket_path, max_idle=0.2)
    c.system_health()
    time.sleep(0.3)
    c.system_health()
    assert c.connections_opened == 2


def test_several_sockets_go_to_the_first_daemon_that_is_there_and_back(start_daemon, tmp_path):
    a, b = start_daemon(), start_daemon()
    # A socket file whose daemon died: bound, nobody listening (connect: ECONNREFUSED).
    dead = str(tmp_path / "dead.sock")
    import socket as so
    s = so.socket(so.AF_UNIX, so.SOCK_STREAM)
    s.bind(dead)
    try:
        c = Client([str(tmp_path / "absent.sock"), dead, a.socket_path], retries=0)
        assert c.system_health()["status"] == "ok"
        assert c.connected_socket_path == a.socket_path
        assert c.socket_path == str(tmp_path / "absent.sock")

        # Two daemons: A stops, the next connection goes to B; A back, the next one to A.
        c = Client([a.socket_path, b.socket_path], retries=0)
        c.session_append("c-fail", "s-1", [msg("through A")])
        assert c.connected_socket_path == a.socket_path
        a.stop()
        c.session_append("c-fail", "s-1", [msg("through B")])
        assert c.connected_socket_path == b.socket_path
        assert [m["text"] for m in c.session_get("c-fail", "s-1")["messages"]] == ["through B"]  # B's own store
        a.start()
        c.close()
        assert c.system_health()["status"] == "ok"
        assert c.connected_socket_path == a.socket_path

        with pytest.raises(cc.ConnectError) as e:
            Client([str(tmp_path / "absent.sock"), dead], retries=0).system_health()
        assert "absent.sock" in str(e.value), "the first socket's error is the one reported"
    finally:
        s.close()


def test_connect_errors(tmp_path):
    with pytest.raises(cc.ConnectError) as e:
        Client(str(tmp_path / "absent.sock"), retries=0).system_health()
    assert "is the daemon running" in str(e.value)
    os.environ.pop("CONFIDE_SOCKET", None)
    with pytest.raises(cc.ConnectError):
        Client()


def test_shred_is_retried_safely_and_its_receipt_verifies(daemon, tmp_path):
    c = Client(daemon.socket_path)
    c.session_put("c-5", "s-1", [msg("a"), msg("b")])
    receipt = c.customer_shred("c-5", "GDPR-2026-7")
    assert receipt["messages"] == 2 and "repeat" not in receipt
    again = c.customer_shred("c-5", "GDPR-2026-7")
    assert again["repeat"] is True
    assert {k: v for k, v in again.items() if k != "repeat"} == receipt
    assert c.customer_receipt("c-5") == receipt

    key = c.system_backup(str(tmp_path / "backup"))["audit_public_key"]
    cc.verify_receipt(receipt, key)
    cc.verify_receipt(again, key)  # `repeat` is not signed
    cc.verify_receipt(json.dumps(receipt), key)
    changed = dict(receipt, messages=1)
    with pytest.raises(cc.ReceiptInvalid, match="changed or signed by another key"):
        cc.verify_receipt(changed, key)
    other = "".join("%02x" % ((i * 7) & 0xFF) for i in range(32))
    with pytest.raises(cc.ReceiptInvalid):
        cc.verify_receipt(receipt, other)
    with pytest.raises(cc.ReceiptInvalid):
        cc.verify_receipt({"customer_ref": "x"}, key)
    # The daemon's own verifier agrees on what the client checked.
    path = tmp_path / "r.json"
    path.write_text(json.dumps(receipt, ensure_ascii=False))
    out = daemon.cli("verify-receipt", str(path), "--public-key", key)
    assert out.returncode == 0, out.stderr


def test_streamed_export_yields_sessions_one_by_one(daemon):
    c = Client(daemon.socket_path)
    big = "é" * 100_000 + "\u2028 \"quoted\" \\ end"  # multi-byte text split across reads
    for i in range(12):
        c.session_put("c-6", f"s-{i:02}", [msg(big + str(i)), msg("short", role="agent")], metadata={"n": i})
    streamed = list(c.iter_export("c-6", purpose="subject-access"))
    whole = c.customer_export("c-6", purpose="subject-access")
    assert [s["session"] for s in streamed] == [f"s-{i:02}" for i in range(12)]
    assert streamed == whole["sessions"]
    assert streamed[5]["messages"][0]["text"] == big + "5"
    # The connection is still in step: the next call gets its own reply.
    assert c.system_health()["status"] == "ok"
    assert c.connections_opened == 1

    messages = list(c.iter_session_messages("c-6", "s-03", purpose="support"))
    assert [m["seq"] for m in messages] == [1, 2] and messages[0]["text"] == big + "3"

    # Leaving a stream early spends its connection; the next call opens a new one.
    it = c.iter_export("c-6")
    next(it)
    it.close()
    assert c.system_health()["status"] == "ok"
    assert c.connections_opened == 2

    with pytest.raises(cc.NotFound):
        list(c.iter_export("nobody"))
    assert c.system_health()["status"] == "ok"


def test_admin_calls(daemon):
    c = Client(daemon.socket_path)
    c.session_append("c-7", "s-1", [msg("x")])
    assert c.keys_rotate("customer", "c-7")["generation"] == 2
    assert c.keys_rotate()["target"] == "kek"
    status = c.keys_status()
    assert status["customers"] == 1
    # The rotation woke the scheduler, whose re-wrap and KEK destruction write their own
    # entries whenever they finish: the call's own entry is the newest of the callers'.
    tail = c.audit_tail(limit=10)
    callers = [e for e in tail["entries"] if e["role"] != "daemon"]
    assert callers and callers[-1]["method"] == "audit.tail"
    assert c.audit_verify()["ok"] is True
    stats = c.system_stats()
    assert stats["methods"]["session.append"]["calls"] == 1
    # Percentiles are shown to the microsecond: a health probe (well under 1 ms) is not 0.
    assert 0 < stats["methods"]["system.health"]["p50_ms"] < 50


def test_refused_at_accept_is_retried_for_any_call_since_nothing_ran(start_daemon):
    """With max_connections 1 the daemon answers a second connection with -32005 "too many
    connections" (id null) before reading anything: even an append may be sent again."""
    d = start_daemon({"max_connections": 1})
    holder = Client(d.socket_path)
    holder.system_health()  # holds the only slot
    c = Client(d.socket_path, retries=2, retry_delay=0.05)
    with pytest.raises(cc.Unavailable) as e:
        c.session_append("c-8", "s-1", [msg("x")])
    assert "too many connections" in e.value.message and c.connections_opened == 3
    threading.Timer(0.2, holder.close).start()
    c = Client(d.socket_path, retries=6, retry_delay=0.05)
    assert c.session_append("c-8", "s-1", [msg("once")])["count"] == 1
    assert [m["text"] for m in c.session_get("c-8", "s-1")["messages"]] == ["once"]


def test_follow_audit_sees_new_entries_and_survives_a_restart(daemon):
    c = Client(daemon.socket_path)
    writer = Client(daemon.socket_path)
    stop = threading.Event()
    seen = []

    started = threading.Event()

    def collect():
        for entry in c.follow_audit(poll_interval=0.05, stop=stop):
            seen.append(entry)
            started.set()

    t = threading.Thread(target=collect)
    t.start()
    # The follow starts at the newest entry (its own): write only once it has.
    assert started.wait(10)
    writer.session_append("c-9", "s-1", [msg("a")])
    writer.session_append("c-9", "s-1", [msg("b")])

    def wait_for(count, method):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and sum(e["method"] == method for e in seen) < count:
            time.sleep(0.05)
        return sum(e["method"] == method for e in seen)

    assert wait_for(2, "session.append") == 2
    daemon.restart()  # the follow token dies with the daemon; the follow renews it
    writer.session_append("c-9", "s-1", [msg("c")])
    assert wait_for(3, "session.append") == 3
    stop.set()
    t.join(10)
    seqs = [e["seq"] for e in seen]
    assert seqs == sorted(set(seqs)), "no entry lost order or came twice"
    assert seqs == list(range(seqs[0], seqs[-1] + 1)), "no entry skipped"
    tails = [(e.get("purpose"), e["outcome"]) for e in seen if e["method"] == "audit.tail"]
    # One audited start per follow (the first, and the renewal after the restart), and the
    # refused poll with the dead token; the polls themselves are not audited.
    assert tails == [("follow", "ok"), (None, "-32602"), ("follow", "ok")], tails
