"""N replicas of Conv1d Lab behind HAProxy, on loopback: ``make replicas N=3`` (or ``python -m deploy.replicas``).

Each replica is ``streamlit run app.py`` on its own port; HAProxy listens on one port in front of them with
``deploy/haproxy.cfg`` (sticky sessions by a SERVERID cookie, websockets, health checks on /_stcore/health)
and the ``backend`` this module writes: one ``server`` line per replica, its cookie value the replica's name
(``r1``, ``r2``, …). Everything runs in the foreground and stops on Ctrl-C (or SIGTERM).

``Cluster`` is the same thing as a context manager, for tests: ``tests/e2e/test_failover.py`` starts three
replicas, kills one and checks every browser session lands on a live replica with the same numbers.

All replicas share one ``server.cookieSecret`` (Streamlit signs its cookies with it; each process would
otherwise draw its own), passed in the environment so it is not on any command line. Streamlit's XSRF
token is a double-submit cookie compared with a header, so any replica accepts it, and the websocket's
origin check passes because HAProxy keeps the browser's Host: nothing else needs changing behind it.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, TracebackType

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CONFIG = HERE / "haproxy.cfg"  # shared by every deployment; the servers come from a second file
COMPOSE_SERVERS = HERE / "haproxy-compose.cfg"
HEALTH = "/_stcore/health"
HOST = "127.0.0.1"  # loopback only: this is a development and test setup, not an exposed server
START_TIMEOUT_S = 90  # a cold replica imports Streamlit (and, on first use, torch) on a shared 2-core box
STOP_TIMEOUT_S = 10
_PR_SET_PDEATHSIG = 1
_PRCTL: Callable[[int, int], int] | None
try:  # Linux: a child started here gets SIGTERM when this process dies, even by SIGKILL
    _PRCTL = ctypes.CDLL(None, use_errno=True).prctl
except (OSError, AttributeError):  # not Linux: children outlive a killed launcher
    _PRCTL = None


def haproxy_path() -> str | None:
    """The haproxy binary (Debian puts it in /usr/sbin, which a non-root PATH may lack), or None."""
    return shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/usr/local/sbin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def servers_config(replicas: Sequence[tuple[str, int]]) -> str:
    """The ``backend`` for replicas on loopback: ``[("r1", 8502), …]`` → one ``server`` line each."""
    lines = [
        "# Written by deploy/replicas.py: the replicas of this run, each named by its SERVERID cookie value.",
        "backend replicas from lab",
        *(f"    server {name} {HOST}:{port} cookie {name}" for name, port in replicas),
    ]
    return "\n".join(lines) + "\n"


def check_config(servers: Path, bind: str, haproxy: str | None = None) -> str:
    """``haproxy -c`` on deploy/haproxy.cfg plus ``servers``; its output, or RuntimeError if it is invalid."""
    exe = haproxy or haproxy_path()
    if exe is None:
        raise FileNotFoundError("haproxy not found (make haproxy, or apt-get install haproxy)")
    proc = subprocess.run(
        [exe, "-c", "-f", str(CONFIG), "-f", str(servers)],
        env={**os.environ, "LAB_BIND": bind},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    out = proc.stdout + proc.stderr
    if proc.returncode != 0 or "[ALERT]" in out:
        raise RuntimeError(f"haproxy -c rejected {CONFIG.name} + {servers.name}:\n{out}")
    return out


def _die_with_parent() -> None:  # runs in the child between fork and exec
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _healthy(url: str) -> bool:
    with contextlib.suppress(OSError), urllib.request.urlopen(url + HEALTH, timeout=2) as resp:
        return bool(resp.status == 200)
    return False


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@dataclass
class Replica:
    name: str  # the server's name in HAProxy and its cookie value
    port: int
    log: Path
    proc: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def alive(self) -> bool:
        return self.proc.poll() is None


class Cluster:
    """N ``streamlit run`` replicas and HAProxy in front of them, all on loopback, stopped together.

    ``port=0`` and ``first_port=0`` pick free ports (tests); otherwise HAProxy listens on ``port`` and the
    replicas on ``first_port``, ``first_port + 1``, …  Logs go to ``logs`` (a temporary folder by default).
    """

    def __init__(
        self,
        n: int = 3,
        port: int = 0,
        first_port: int = 0,
        app: str = "app.py",
        logs: Path | None = None,
        haproxy: str | None = None,
    ) -> None:
        if n < 1:
            raise ValueError("at least one replica")
        exe = haproxy or haproxy_path()
        if exe is None:
            raise FileNotFoundError("haproxy not found (make haproxy, or apt-get install haproxy)")
        self.haproxy_exe = exe
        self.n, self.app = n, app
        self.port = port or free_port()
        self.ports = [first_port + i if first_port else free_port() for i in range(n)]
        self._tmp = tempfile.TemporaryDirectory(prefix="conv1d-replicas-")
        self.logs = logs or Path(self._tmp.name)
        self.logs.mkdir(parents=True, exist_ok=True)
        self.servers = Path(self._tmp.name) / "servers.cfg"
        self.replicas: list[Replica] = []
        self.balancer: subprocess.Popen[bytes] | None = None
        self.balancer_log = self.logs / "haproxy.log"

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def bind(self) -> str:
        return f"{HOST}:{self.port}"

    def replica(self, name: str) -> Replica:
        return next(r for r in self.replicas if r.name == name)

    def _popen(self, cmd: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
        with log.open("wb") as out:
            # A session of its own: Ctrl-C reaches only the launcher, which then stops everything in order.
            return subprocess.Popen(
                cmd,
                cwd=REPO,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
                preexec_fn=_die_with_parent,  # one prctl call: nothing in the child that takes a lock
            )

    def start(self) -> Cluster:
        """Check the config, start the replicas, wait until each is healthy, then start HAProxy in front."""
        names = [f"r{i + 1}" for i in range(self.n)]
        self.servers.write_text(servers_config(list(zip(names, self.ports, strict=True))))
        check_config(self.servers, self.bind, self.haproxy_exe)
        env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
        try:
            for name, port in zip(names, self.ports, strict=True):
                cmd = [
                    sys.executable,
                    "-m",
                    "streamlit",
                    "run",
                    self.app,
                    "--server.headless",
                    "true",
                    "--server.port",
                    str(port),
                    "--server.fileWatcherType",
                    "none",
                    "--server.address",
                    HOST,
                    "--browser.gatherUsageStats",
                    "false",
                ]
                log = self.logs / f"{name}.log"
                self.replicas.append(Replica(name, port, log, self._popen(cmd, log, env)))
            self._wait(lambda: all(self._replica_ready(r) for r in self.replicas), "replicas healthy")
            cmd = [self.haproxy_exe, "-db", "-f", str(CONFIG), "-f", str(self.servers)]
            self.balancer = self._popen(cmd, self.balancer_log, {**os.environ, "LAB_BIND": self.bind})
            self._wait(self._balancer_ready, "HAProxy answering")
        except BaseException:
            self.stop()
            raise
        return self

    def _replica_ready(self, r: Replica) -> bool:
        if not r.alive():
            raise RuntimeError(f"replica {r.name} exited with {r.proc.returncode}:\n{_tail(r.log)}")
        return _healthy(r.url)

    def _balancer_ready(self) -> bool:
        assert self.balancer is not None
        if self.balancer.poll() is not None:
            raise RuntimeError(f"haproxy exited with {self.balancer.returncode}:\n{_tail(self.balancer_log)}")
        return _healthy(self.url)

    @staticmethod
    def _wait(ready: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if ready():
                return
            time.sleep(0.1)
        raise TimeoutError(f"not {what} after {START_TIMEOUT_S} s")

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Send ``sig`` to one replica (SIGKILL: a crash, no goodbye to its sessions) and reap it."""
        r = self.replica(name)
        r.proc.send_signal(sig)
        r.proc.wait(timeout=STOP_TIMEOUT_S)

    def stop(self) -> None:
        """Stop HAProxy, then every replica: SIGTERM, then SIGKILL for what is still running after a while."""
        procs = [p for p in [self.balancer, *(r.proc for r in self.replicas)] if p is not None]
        for p in procs:
            if p.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    p.terminate()
        deadline = time.monotonic() + STOP_TIMEOUT_S
        for p in procs:
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=STOP_TIMEOUT_S)
        self._tmp.cleanup()

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


@contextlib.contextmanager
def _sigterm_as_exit() -> Iterator[None]:
    """SIGTERM (a process manager, ``kill``) stops everything like Ctrl-C does."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.replicas", description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--replicas", type=int, default=3, help="how many app processes (default 3)")
    parser.add_argument("--port", type=int, default=8501, help="HAProxy's port on 127.0.0.1 (default 8501)")
    parser.add_argument("--first-port", type=int, default=0, help="the first replica's port (default: port + 1)")
    parser.add_argument("--app", default="app.py", help="the Streamlit script (default app.py)")
    parser.add_argument("--logs", type=Path, default=REPO / "artifacts" / "replicas", help="where the logs go")
    args = parser.parse_args(argv)
    cluster = Cluster(args.replicas, args.port, args.first_port or args.port + 1, args.app, args.logs)
    with _sigterm_as_exit():
        try:
            print(f"starting {args.replicas} replicas on ports {', '.join(map(str, cluster.ports))}", flush=True)
            cluster.start()
            print(f"Conv1d Lab on {cluster.url} (HAProxy, sticky sessions); logs in {cluster.logs}", flush=True)
            print("Ctrl-C stops HAProxy and every replica.", flush=True)
            reported: set[str] = set()
            relayed = 0  # HAProxy's log (servers going DOWN and UP) is copied to the terminal as it grows
            while cluster.balancer is not None and cluster.balancer.poll() is None:
                with contextlib.suppress(OSError), cluster.balancer_log.open("rb") as log:
                    log.seek(relayed)
                    chunk = log.read()
                    relayed += len(chunk)
                    sys.stdout.write(chunk.decode(errors="replace"))
                    sys.stdout.flush()
                for r in cluster.replicas:
                    if not r.alive() and r.name not in reported:
                        reported.add(r.name)
                        print(
                            f"replica {r.name} exited ({r.proc.returncode}): HAProxy sends its sessions to the others"
                        )
                time.sleep(0.5)
            code = cluster.balancer.returncode if cluster.balancer is not None else 1
            print(f"haproxy exited with {code}:\n{_tail(cluster.balancer_log)}", file=sys.stderr)
            return code or 1
        except KeyboardInterrupt:
            print("\nstopping", flush=True)
            return 0
        finally:
            cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
