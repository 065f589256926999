"""Runs the REAL daemon for the tests, the way Tests/TestSupport/DaemonHarness.swift does:
`confide serve --dev` on a fresh temporary state folder, a socket in a 0755 folder with
socket_mode 0666 (so a test can connect as another uid), and a config file from the test.
In --dev mode the daemon's own uid (this process's) holds every role
(docs/configuration.md); other uids hold none unless the config maps them.

The binary is $CONFIDE_BINARY, else .build/debug/confide of the repository (scripts/test
builds it before running these tests)."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.abspath(os.path.join(HERE, "..")))  # the package, installed or not


def confide_binary():
    path = os.environ.get("CONFIDE_BINARY") or os.path.join(REPO, ".build", "debug", "confide")
    if not os.access(path, os.X_OK):
        pytest.fail(f"the confide binary is missing at {path}: run `swift build` first (or set CONFIDE_BINARY)")
    return path


class Daemon:
    """One `confide serve --dev` process in its own temporary folder."""

    def __init__(self, config=None):
        self.binary = confide_binary()
        # A short prefix keeps the socket path under the 107-byte sun_path limit.
        self.root = tempfile.mkdtemp(prefix="cfpy-")
        os.chmod(self.root, 0o755)
        os.mkdir(os.path.join(self.root, "sock"), 0o755)
        self.state_dir = os.path.join(self.root, "state")
        self.socket_path = os.path.join(self.root, "sock", "confide.sock")
        self.config_path = os.path.join(self.root, "config.json")
        self.log_path = os.path.join(self.root, "daemon.log")
        cfg = {"socket_mode": "0666"}
        cfg.update(config or {})
        with open(self.config_path, "w") as f:
            json.dump(cfg, f)
        os.chmod(self.config_path, 0o644)
        self.process = None

    def start(self, timeout=15.0):
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--dev", "--state-dir", self.state_dir, "--socket", self.socket_path,
             "--config", self.config_path],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the daemon exited with {self.process.returncode} during start-up:\n{self.log}")
            if self._healthy():
                return self
            time.sleep(0.02)
        self.kill()
        raise RuntimeError(f"the daemon did not answer within {timeout} s:\n{self.log}")

    def _healthy(self):
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                s.settimeout(2)
                s.connect(self.socket_path)
                s.sendall(b'{"jsonrpc":"2.0","id":1,"method":"system.health"}\n')
                return b'"ok"' in s.makefile("rb").readline()
        except OSError:
            return False

    def stop(self, timeout=20.0):
        """SIGTERM and wait; returns the exit status."""
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout)

    def restart(self):
        self.stop()
        return self.start()

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def cli(self, *args, timeout=30):
        """Runs `confide ARGS` against this daemon."""
        env = dict(os.environ, CONFIDE_SOCKET=self.socket_path)
        return subprocess.run([self.binary, *args], env=env, capture_output=True, text=True, timeout=timeout)

    @property
    def log(self):
        try:
            with open(self.log_path, errors="replace") as f:
                return f.read()
        except OSError:
            return "(no log)"

    def cleanup(self):
        self.kill()
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def start_daemon(request):
    """A factory: start_daemon(config) -> a running Daemon, stopped after the test (its log
    is printed when the test failed)."""
    started = []

    def start(config=None):
        d = Daemon(config)
        started.append(d)
        return d.start()

    yield start
    for d in started:
        rep = getattr(request.node, "rep_call", None)
        if rep is not None and rep.failed:
            print(f"---- daemon log ({d.root}) ----\n{d.log}\n---- end of daemon log ----")
        d.cleanup()


@pytest.fixture
def daemon(start_daemon):
    return start_daemon()


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)
