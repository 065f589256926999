"""`confide metrics` and `metrics_textfile` as Prometheus reads them: parsed by the
reference parser (prometheus_client) and checked by `promtool check metrics` (Debian's
prometheus package; scripts/install-deps extracts promtool into .build/tools)."""

import os
import shutil
import stat
import subprocess
import time

import pytest

from confide_client import Client

from conftest import REPO

prometheus_client = pytest.importorskip(
    "prometheus_client", reason="prometheus_client is not installed (pip install prometheus_client; scripts/install-deps does)")
from prometheus_client.parser import text_string_to_metric_families  # noqa: E402


def families(text):
    return {f.name: f for f in text_string_to_metric_families(text)}


def value(fams, family, name=None, **labels):
    names = (name,) if name else (family, family + "_total")  # the parser drops a counter's _total
    for s in fams[family].samples:
        if s.name in names and all(s.labels.get(k) == v for k, v in labels.items()):
            return s.value
    raise KeyError(f"{name or family}{labels}")


def promtool():
    for path in (shutil.which("promtool"), os.path.join(REPO, ".build", "tools", "promtool")):
        if path and os.access(path, os.X_OK):
            return path
    return None


def traffic(c):
    """Known calls: 3 appends, 1 failed get (-32004), 2 bad-params gets (-32602), a hold."""
    for i in range(3):
        c.session_append("c-m", f"s-{i}", [{"role": "customer", "text": "x"}])
    for bad in ({"customer": "c-m", "session": "nope"}, {"customer": "c-m", "session": "s-0", "purpose": "BAD!"},
                {"customer": "c-m", "session": "s-0", "purpose": "BAD!"}):
        try:
            c.call("session.get", bad)
        except Exception:
            pass
    c.customer_hold("c-m", "LIT-1")


def test_confide_metrics_parses_and_counts_what_happened(daemon):
    c = Client(daemon.socket_path)
    traffic(c)
    out = daemon.cli("metrics")
    assert out.returncode == 0, out.stderr
    fams = families(out.stdout)

    assert fams["confide_requests"].type == "counter"  # the parser strips _total
    assert value(fams, "confide_requests", "confide_requests_total", method="session.append") == 3
    assert value(fams, "confide_request_errors", "confide_request_errors_total", method="session.get", code="-32004") == 1
    assert value(fams, "confide_request_errors", "confide_request_errors_total", method="session.get", code="-32602") == 2

    h = fams["confide_request_duration_seconds"]
    assert h.type == "histogram"
    buckets = [(s.labels["le"], s.value) for s in h.samples
               if s.name.endswith("_bucket") and s.labels["method"] == "session.append"]
    assert buckets[-1] == ("+Inf", 3)
    assert all(a[1] <= b[1] for a, b in zip(buckets, buckets[1:])), "buckets are cumulative"
    assert float(buckets[0][0]) < 0.001, "sub-millisecond buckets"
    assert 0 < value(fams, "confide_request_duration_seconds", "confide_request_duration_seconds_sum", method="session.append") < 30

    assert fams["confide_writer_commit_duration_seconds"].type == "histogram"
    commits = value(fams, "confide_writer_commits")
    assert commits >= 4
    assert value(fams, "confide_writer_group_size", "confide_writer_group_size_count") == commits
    assert value(fams, "confide_writer_commit_duration_seconds", "confide_writer_commit_duration_seconds_count") == commits
    assert value(fams, "confide_writer_keyring_guard_lost") == 0, "no keyring guard on the embedded store"
    assert value(fams, "confide_customers") == 1
    assert value(fams, "confide_legal_holds") == 1
    assert value(fams, "confide_erased_customers") == 0
    assert value(fams, "confide_retention_backlog_sessions") == 0
    assert value(fams, "confide_connections_open") >= 1
    assert value(fams, "confide_audit_entries") >= 8
    assert 0 <= value(fams, "confide_kek_age_seconds") < 600
    assert value(fams, "confide_kek_rotation_period_seconds") == 30 * 86400
    assert value(fams, "confide_rewrap_pending_deks") == 0
    assert value(fams, "confide_job_runs", "confide_job_runs_total", job="retention") >= 1
    assert fams["confide_uptime_seconds"].type == "gauge"

    # Every sample name is confide_-prefixed and unit-suffixed where it has a unit.
    for f in fams.values():
        assert f.name.startswith("confide_")

    tool = promtool()
    if tool is None:
        pytest.skip("promtool not found (Debian package prometheus; scripts/install-deps extracts it into .build/tools)")
    check = subprocess.run([tool, "check", "metrics"], input=out.stdout, capture_output=True, text=True, timeout=30)
    assert check.returncode == 0 and check.stdout.strip() == "" and check.stderr.strip() == "", check.stdout + check.stderr


def test_metrics_textfile_is_rewritten_atomically_with_mode_0644(start_daemon, tmp_path):
    folder = tmp_path / "node-exporter"
    folder.mkdir()
    path = folder / "confide.prom"
    d = start_daemon({"metrics_textfile": str(path), "metrics_interval_s": 0.2})
    # Written at start-up, before the daemon reports ready.
    assert path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o644, "node_exporter runs as another user"
    c = Client(d.socket_path)
    traffic(c)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        fams = families(path.read_text())
        if "confide_requests" in fams and any(s.labels.get("method") == "session.append" and s.value == 3
                                              for s in fams["confide_requests"].samples):
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"the textfile never showed the 3 appends:\n{path.read_text()}")
    assert value(fams, "confide_legal_holds") == 1
    assert os.listdir(folder) == ["confide.prom"], "no temporary file left beside it"
    # The textfile is not audited: only the calls above reach the chain.
    assert "system.stats" not in [e["method"] for e in c.audit_tail(limit=100)["entries"]]
    assert d.stop() == 0
    assert "confide_uptime_seconds" in path.read_text(), "a last write at shutdown"


def test_metrics_textfile_config_is_checked(tmp_path):
    from conftest import Daemon
    d = Daemon({"metrics_textfile": "relative/confide.prom"})
    try:
        with pytest.raises(RuntimeError, match="metrics_textfile: must be an absolute path ending in .prom"):
            d.start(timeout=10)
    finally:
        d.cleanup()


def test_unwritable_textfile_is_logged_and_serving_goes_on(start_daemon, tmp_path):
    path = tmp_path / "missing-folder" / "confide.prom"
    d = start_daemon({"metrics_textfile": str(path), "metrics_interval_s": 0.2})
    assert Client(d.socket_path).system_health()["status"] == "ok"
    time.sleep(0.5)
    assert d.log.count('"event":"metrics.write_failed"') == 1, d.log
