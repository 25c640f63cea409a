#!/usr/bin/env python3
"""neo4jctl: a real Neo4j 5 Community server on 127.0.0.1, without Docker.

The server is assembled from Neo4j's published Maven artifacts (see pom.xml beside this
file) into a cache directory outside the repo, and run as a plain `java` process.

    neo4jctl.py fetch                      resolve the jars into the cache (idempotent)
    neo4jctl.py up [--port-bolt N] [--port-http N] [--env-file PATH] [--dir DIR]
                                           fresh instance, started, env file written
    neo4jctl.py down                       SIGTERM (30 s), then SIGKILL; harmless if down
    neo4jctl.py status                     exit 0 when running, 3 when not
    neo4jctl.py env                        print the instance's NEO4J_* lines
    neo4jctl.py kill                       SIGKILL at once (fault tests)
    neo4jctl.py start                      start an existing instance again, data kept

Standard library only. See README.md beside this file.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
from pathlib import Path

NEO4J_VERSION = "5.26.30"  # keep in step with <neo4j.version> in pom.xml
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
REPO_ROOT = HERE.parent.parent
DEFAULT_ENV_FILE = REPO_ROOT / ".env.neo4j"

START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 30.0
LOG_TAIL_LINES = 40

STATE_FILE = "neo4jctl.json"  # marks a directory as one of our instances
PID_FILE = "run/neo4jctl.pid"

# JVM flags, after the ones Neo4j's own neo4j.conf ships (server.jvm.additional).
JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
]


class CtlError(Exception):
    """A failure to report in one clear line (exit 1)."""


def log(msg: str) -> None:
    print(f"neo4jctl: {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- paths


def cache_dir() -> Path:
    env = os.environ.get("INNOGRAPH_NEO4J_HOME")
    if env:
        return Path(env).expanduser().resolve()
    return (Path.home() / ".cache" / "innograph" / f"neo4j-{NEO4J_VERSION}").resolve()


def lib_dir() -> Path:
    return cache_dir() / "lib"


def instance_dir(args: argparse.Namespace) -> Path:
    if getattr(args, "dir", None):
        return Path(args.dir).expanduser().resolve()
    return cache_dir() / "instance"


# --------------------------------------------------------------------------- fetch


def _fetch_stamp() -> str:
    h = hashlib.sha256(POM.read_bytes()).hexdigest()[:16]
    return f"neo4j {NEO4J_VERSION} pom {h}\n"


def is_fetched() -> bool:
    marker = lib_dir() / ".complete"
    return marker.is_file() and marker.read_text() == _fetch_stamp()


def fetch(quiet: bool = False) -> Path:
    lib = lib_dir()
    if is_fetched():
        if not quiet:
            log(f"artifacts already in {lib}")
        return lib
    with locked(cache_dir() / ".fetch.lock"):
        return _fetch_locked(lib, quiet)


def _fetch_locked(lib: Path, quiet: bool) -> Path:
    if is_fetched():
        if not quiet:
            log(f"artifacts already in {lib}")
        return lib
    mvn = shutil.which("mvn")
    if not mvn:
        raise CtlError("`mvn` (Maven 3) is not on PATH; it is needed to fetch Neo4j's jars")
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    tmp = cache / "lib.partial"
    shutil.rmtree(tmp, ignore_errors=True)
    fetch_log = cache / "fetch.log"
    cmd = [
        mvn, "-B", "-ntp", "-f", str(POM),
        "dependency:copy-dependencies",
        f"-DoutputDirectory={tmp}",
        "-DincludeScope=runtime",
        f"-Dneo4j.version={NEO4J_VERSION}",
    ]
    log(f"fetching Neo4j {NEO4J_VERSION} jars with Maven into {lib} "
        f"(first time: a few minutes; log: {fetch_log})")
    t0 = time.monotonic()
    with open(fetch_log, "w") as out:
        rc = subprocess.call(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    if rc != 0 or not any(tmp.glob("neo4j-*.jar")):
        _print_tail(fetch_log, LOG_TAIL_LINES)
        raise CtlError(f"Maven could not resolve Neo4j {NEO4J_VERSION} (exit {rc}); see {fetch_log}")
    shutil.rmtree(lib, ignore_errors=True)
    tmp.rename(lib)
    (lib / ".complete").write_text(_fetch_stamp())
    n = len(list(lib.glob("*.jar")))
    log(f"fetched {n} jars in {time.monotonic() - t0:.0f} s")
    return lib


# --------------------------------------------------------------------------- java


def java_bin() -> str:
    jh = os.environ.get("JAVA_HOME")
    if jh and (Path(jh) / "bin" / "java").is_file():
        return str(Path(jh) / "bin" / "java")
    j = shutil.which("java")
    if not j:
        raise CtlError("`java` (17 or 21) is not on PATH and JAVA_HOME is not set")
    return j


def check_java(java: str) -> None:
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30).stderr
    except (OSError, subprocess.TimeoutExpired) as e:
        raise CtlError(f"cannot run {java}: {e}") from e
    first = out.splitlines()[0] if out else ""
    try:
        ver = first.split('"')[1]
        major = int(ver.split(".")[0])
    except (IndexError, ValueError):
        return  # unknown format: let Neo4j complain if it must
    if major not in (17, 21):
        log(f"warning: Neo4j {NEO4J_VERSION} supports Java 17 and 21; found {ver}")


def classpath(inst: Path) -> str:
    return os.pathsep.join([str(inst / "plugins" / "*"), str(inst / "conf" / "*"), str(lib_dir() / "*")])


# --------------------------------------------------------------------------- ports


def port_free(port: int) -> bool:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # as Netty does: a port held only by TIME_WAIT (e.g. just after `kill`) is free
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        return False
    finally:
        s.close()
    # something on another address (0.0.0.0 is caught by bind; ::) may still answer
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.3):
            return False
    except OSError:
        return True


def any_free_port(exclude: set[int]) -> int:
    for _ in range(50):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        if port not in exclude and port_free(port):
            return port
    raise CtlError("no free TCP port found on 127.0.0.1")


def choose_port(requested: int | None, default: int, exclude: set[int], what: str) -> int:
    if requested:  # explicit: must be free
        if requested in exclude or not port_free(requested):
            raise CtlError(f"{what} port {requested} is already in use on 127.0.0.1")
        return requested
    if requested is None and default not in exclude and port_free(default):
        return default
    return any_free_port(exclude)


# --------------------------------------------------------------------------- instance


def write_conf(inst: Path, bolt: int, http: int | None, heap: str, pagecache: str) -> None:
    lines = [
        "# Written by tools/neo4j/neo4jctl.py; rewritten by every `up`.",
        "server.default_listen_address=127.0.0.1",
        "server.default_advertised_address=127.0.0.1",
        "server.bolt.enabled=true",
        f"server.bolt.listen_address=127.0.0.1:{bolt}",
        # what routing tables (neo4j:// URIs) hand out; default would be port 7687
        f"server.bolt.advertised_address=127.0.0.1:{bolt}",
        "server.bolt.tls_level=DISABLED",
        f"server.http.enabled={'true' if http else 'false'}",
        f"server.http.listen_address=127.0.0.1:{http or 7474}",
        f"server.http.advertised_address=127.0.0.1:{http or 7474}",
        "server.https.enabled=false",
        "dbms.security.auth_enabled=true",
        # short test passwords allowed (NEO4J_PASSWORD); loopback only
        "dbms.security.auth_minimum_password_length=1",
        f"server.memory.heap.initial_size={heap}",
        f"server.memory.heap.max_size={heap}",
        f"server.memory.pagecache.size={pagecache}",
        "dbms.usage_report.enabled=false",
        # no 256 MiB preallocated transaction log per database
        "db.tx_log.preallocate=false",
        "db.tx_log.rotation.size=32M",
        "db.tx_log.rotation.retention_policy=2 files",
        # Bolt's Netty quiet period is 5 s, paid twice on every stop; nothing to drain here
        "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
        "server.directories.data=data",
        "server.directories.logs=logs",
        "server.directories.run=run",
        "server.directories.plugins=plugins",
        "server.directories.import=import",
        "",
    ]
    (inst / "conf" / "neo4j.conf").write_text("\n".join(lines))


def load_state(inst: Path) -> dict:
    p = inst / STATE_FILE
    if not p.is_file():
        raise CtlError(f"{inst} is not a neo4jctl instance (no {STATE_FILE}); run `up` first")
    return json.loads(p.read_text())


def save_state(inst: Path, state: dict) -> None:
    p = inst / STATE_FILE
    tmp = p.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(state, f, indent=2)
        f.write("\n")
    os.replace(tmp, p)


def env_lines(state: dict) -> list[str]:
    return [
        f"NEO4J_URI=bolt://127.0.0.1:{state['bolt_port']}",
        f"NEO4J_USER={state['user']}",
        f"NEO4J_PASSWORD={state['password']}",
        f"NEO4J_DATABASE={state['database']}",
    ]


def write_env_file(path: Path, state: dict) -> None:
    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp-neo4jctl")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write("\n".join(env_lines(state)) + "\n")
    os.replace(tmp, path)


def read_pid(inst: Path) -> int | None:
    try:
        return int((inst / PID_FILE).read_text().strip())
    except (OSError, ValueError):
        return None


def pid_is_ours(pid: int, inst: Path) -> bool:
    """Alive and really our java for this instance (guards against pid reuse)."""
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True  # no /proc: trust the pid file
    if stat.rsplit(")", 1)[-1].split()[0] == "Z":
        return False
    args = [c.decode(errors="replace") for c in cmd]
    return MAIN_CLASS in args and f"--home-dir={inst}" in args


def running_pid(inst: Path) -> int | None:
    pid = read_pid(inst)
    if pid and pid_is_ours(pid, inst):
        return pid
    # pid file lost or stale: look for our java by its command line
    try:
        pids = [int(d) for d in os.listdir("/proc") if d.isdigit()]
    except OSError:
        return None
    for pid in pids:
        if pid_is_ours(pid, inst):
            (inst / "run").mkdir(parents=True, exist_ok=True)
            (inst / PID_FILE).write_text(f"{pid}\n")
            return pid
    return None


@contextlib.contextmanager
def locked(path: Path):
    """Serialise concurrent neo4jctl runs on the same cache or instance."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def instance_lock(inst: Path) -> Path:
    return inst.parent / f".{inst.name}.neo4jctl.lock"


def wait_gone(pid: int, inst: Path, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not pid_is_ours(pid, inst):
            return True
        time.sleep(0.2)
    return not pid_is_ours(pid, inst)


def _print_tail(path: Path, n: int) -> None:
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return
    if not lines:
        return
    print(f"----- last {min(n, len(lines))} lines of {path} -----", file=sys.stderr)
    for line in lines[-n:]:
        print(line, file=sys.stderr)
    sys.stderr.flush()


def print_log_tails(inst: Path) -> None:
    _print_tail(inst / "logs" / "console.log", 15)  # JVM-level failures land here
    _print_tail(inst / "logs" / "neo4j.log", LOG_TAIL_LINES)
    debug = inst / "logs" / "debug.log"
    try:
        errs = [l for l in debug.read_text(errors="replace").splitlines() if " ERROR " in l]
    except OSError:
        errs = []
    if errs:
        print(f"----- ERROR lines of {debug} -----", file=sys.stderr)
        print("\n".join(errs[-10:]), file=sys.stderr)


# --------------------------------------------------------------------------- bolt probe


def _pack(v) -> bytes:
    if v is None:
        return b"\xC0"
    if isinstance(v, bool):
        return b"\xC3" if v else b"\xC2"
    if isinstance(v, int):
        if -16 <= v <= 127:
            return struct.pack(">b", v)
        return b"\xCB" + struct.pack(">q", v)
    if isinstance(v, str):
        b = v.encode()
        n = len(b)
        if n < 16:
            return bytes([0x80 | n]) + b
        if n < 256:
            return b"\xD0" + bytes([n]) + b
        return b"\xD1" + struct.pack(">H", n) + b
    if isinstance(v, dict):
        assert len(v) < 16
        return bytes([0xA0 | len(v)]) + b"".join(_pack(k) + _pack(x) for k, x in v.items())
    raise TypeError(type(v))


def _unpack(b: bytes, i: int = 0):
    m = b[i]
    i += 1
    if m < 0x80:
        return m, i
    if m >= 0xF0:
        return m - 0x100, i
    hi, lo = m & 0xF0, m & 0x0F
    if hi == 0x80:
        return b[i:i + lo].decode(errors="replace"), i + lo
    if hi == 0x90:
        return _unpack_seq(b, i, lo)
    if hi == 0xA0:
        return _unpack_map(b, i, lo)
    if hi == 0xB0:
        sig = b[i]
        fields, i = _unpack_seq(b, i + 1, lo)
        return ("struct", sig, fields), i
    if m == 0xC0:
        return None, i
    if m in (0xC2, 0xC3):
        return m == 0xC3, i
    if m == 0xC1:
        return struct.unpack_from(">d", b, i)[0], i + 8
    ints = {0xC8: ">b", 0xC9: ">h", 0xCA: ">i", 0xCB: ">q"}
    if m in ints:
        fmt = ints[m]
        return struct.unpack_from(fmt, b, i)[0], i + struct.calcsize(fmt)
    sizes = {0xD0: ">B", 0xD1: ">H", 0xD2: ">I", 0xD4: ">B", 0xD5: ">H", 0xD6: ">I",
             0xD8: ">B", 0xD9: ">H", 0xDA: ">I", 0xCC: ">B", 0xCD: ">H", 0xCE: ">I"}
    if m in sizes:
        fmt = sizes[m]
        n = struct.unpack_from(fmt, b, i)[0]
        i += struct.calcsize(fmt)
        if m in (0xD0, 0xD1, 0xD2):
            return b[i:i + n].decode(errors="replace"), i + n
        if m in (0xD4, 0xD5, 0xD6):
            return _unpack_seq(b, i, n)
        if m in (0xD8, 0xD9, 0xDA):
            return _unpack_map(b, i, n)
        return b[i:i + n], i + n
    raise ValueError(f"packstream marker 0x{m:02X} not understood")


def _unpack_seq(b: bytes, i: int, n: int):
    out = []
    for _ in range(n):
        v, i = _unpack(b, i)
        out.append(v)
    return out, i


def _unpack_map(b: bytes, i: int, n: int):
    out = {}
    for _ in range(n):
        k, i = _unpack(b, i)
        v, i = _unpack(b, i)
        out[k] = v
    return out, i


class BoltError(Exception):
    pass


class _Bolt:
    """Just enough Bolt 5.1+ to log in and run one query (no driver needed)."""

    def __init__(self, host: str, port: int, timeout: float = 5.0):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        # magic, then 4 proposals: 5.4 down to 5.1 (range 3), nothing else
        self.sock.sendall(b"\x60\x60\xB0\x17" + bytes([0, 3, 4, 5]) + b"\x00" * 12)
        resp = self._recv_exact(4)
        self.minor, self.major = resp[2], resp[3]
        if self.major != 5:
            raise BoltError(f"server agreed no Bolt 5.1-5.4 version (answered {resp.hex()})")

    def _recv_exact(self, n: int) -> bytes:
        buf = b""
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise BoltError("connection closed by server")
            buf += chunk
        return buf

    def send(self, sig: int, *fields) -> None:
        body = bytes([0xB0 | len(fields), sig]) + b"".join(_pack(f) for f in fields)
        self.sock.sendall(struct.pack(">H", len(body)) + body + b"\x00\x00")

    def recv(self):
        body = b""
        while True:
            (n,) = struct.unpack(">H", self._recv_exact(2))
            if n == 0:
                break
            body += self._recv_exact(n)
        msg, _ = _unpack(body)
        return msg[1], msg[2]  # signature, fields

    def expect_success(self, what: str) -> dict:
        sig, fields = self.recv()
        if sig == 0x70:
            return fields[0] if fields else {}
        if sig == 0x7F:
            meta = fields[0] if fields else {}
            raise BoltError(f"{what}: {meta.get('code')}: {meta.get('message')}")
        raise BoltError(f"{what}: unexpected message 0x{sig:02X}")

    def close(self) -> None:
        try:
            self.send(0x02)  # GOODBYE
        except OSError:
            pass
        self.sock.close()


def bolt_return_1(port: int, user: str, password: str, database: str) -> None:
    """RETURN 1 over Bolt with these credentials; raises on any failure."""
    try:
        import neo4j  # type: ignore
    except ImportError:
        neo4j = None
    uri = f"bolt://127.0.0.1:{port}"
    if neo4j is not None:
        with neo4j.GraphDatabase.driver(uri, auth=(user, password), connection_timeout=5,
                                        max_connection_lifetime=30) as drv:
            recs, _, _ = drv.execute_query("RETURN 1 AS x", database_=database)
            if recs[0]["x"] != 1:
                raise BoltError(f"RETURN 1 gave {recs}")
        return
    b = _Bolt("127.0.0.1", port)
    try:
        hello = {"user_agent": "innograph-neo4jctl/1"}
        if b.minor >= 3:
            hello["bolt_agent"] = {"product": "innograph-neo4jctl/1"}
        b.send(0x01, hello)
        b.expect_success("HELLO")
        b.send(0x6A, {"scheme": "basic", "principal": user, "credentials": password})
        b.expect_success("LOGON")
        b.send(0x10, "RETURN 1 AS x", {}, {"db": database})
        b.expect_success("RUN")
        b.send(0x3F, {"n": -1})
        rows = []
        while True:
            sig, fields = b.recv()
            if sig == 0x71:
                rows.append(fields[0])
                continue
            if sig == 0x70:
                break
            meta = fields[0] if fields else {}
            raise BoltError(f"PULL: {meta.get('code')}: {meta.get('message')}")
        if rows != [[1]]:
            raise BoltError(f"RETURN 1 gave {rows}")
    finally:
        b.close()


def tcp_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


# --------------------------------------------------------------------------- start/stop


def start_instance(inst: Path, env_file: Path | None, timeout: float) -> dict:
    state = load_state(inst)
    pid = running_pid(inst)
    if pid:
        raise CtlError(f"already running (pid {pid}) in {inst}")
    if not is_fetched():
        fetch()
    java = java_bin()
    check_java(java)
    bolt = state["bolt_port"]
    if not port_free(bolt):
        raise CtlError(f"Bolt port {bolt} on 127.0.0.1 is taken by another process")
    if state.get("http_port") and not port_free(state["http_port"]):
        raise CtlError(f"HTTP port {state['http_port']} on 127.0.0.1 is taken by another process")
    (inst / "run").mkdir(exist_ok=True)
    (inst / "logs").mkdir(exist_ok=True)
    cmd = [
        java, f"-Xms{state['heap']}", f"-Xmx{state['heap']}", *JVM_FLAGS,
        "-cp", classpath(inst), MAIN_CLASS,
        f"--home-dir={inst}", f"--config-dir={inst / 'conf'}",
    ]
    env = dict(os.environ, NEO4J_HOME=str(inst), NEO4J_CONF=str(inst / "conf"))
    t0 = time.monotonic()
    with open(inst / "logs" / "console.log", "ab") as out:
        proc = subprocess.Popen(cmd, cwd=inst, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True, close_fds=True)
    (inst / PID_FILE).write_text(f"{proc.pid}\n")
    log(f"started java pid {proc.pid}; waiting for Bolt on 127.0.0.1:{bolt} (up to {timeout:.0f} s)")
    deadline = t0 + timeout
    last_err = "Bolt port not open yet"
    while True:
        if proc.poll() is not None:
            print_log_tails(inst)
            (inst / PID_FILE).unlink(missing_ok=True)
            raise CtlError(f"Neo4j exited with code {proc.returncode} during start-up (logs in {inst / 'logs'})")
        if tcp_open(bolt):
            try:
                bolt_return_1(bolt, state["user"], state["password"], state["database"])
                break
            except Exception as e:  # not ready yet (or wrong: reported at timeout)
                last_err = f"{type(e).__name__}: {e}"
        if time.monotonic() > deadline:
            print_log_tails(inst)
            log(f"stopping the half-started server (pid {proc.pid})")
            stop_pid(proc.pid, inst, STOP_TIMEOUT_S)
            raise CtlError(f"Neo4j did not answer RETURN 1 on Bolt 127.0.0.1:{bolt} within "
                           f"{timeout:.0f} s (last error: {last_err}); logs in {inst / 'logs'}")
        time.sleep(0.5)
    log(f"Neo4j {NEO4J_VERSION} ready in {time.monotonic() - t0:.1f} s (pid {proc.pid}, {inst})")
    if env_file is not None:
        write_env_file(env_file, state)
        log(f"wrote {env_file}")
    print("\n".join(env_lines(state)), flush=True)
    return state


def stop_pid(pid: int, inst: Path, timeout: float) -> str:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return "gone"
    if wait_gone(pid, inst, timeout):
        return "stopped"
    log(f"pid {pid} still alive after {timeout:.0f} s: SIGKILL")
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return "stopped"
    wait_gone(pid, inst, 10)
    return "killed"


# --------------------------------------------------------------------------- commands


def cmd_fetch(args) -> int:
    lib = fetch()
    print(lib)
    return 0


def _env_file_arg(args) -> Path:
    return Path(args.env_file).expanduser().resolve() if args.env_file else DEFAULT_ENV_FILE


def cmd_up(args) -> int:
    inst = instance_dir(args)
    env_file = _env_file_arg(args)
    pid = running_pid(inst) if (inst / STATE_FILE).is_file() else None
    if pid:
        state = load_state(inst)
        log(f"already running (pid {pid}) in {inst}; not restarted (use `down` first for a fresh one)")
        write_env_file(env_file, state)
        print("\n".join(env_lines(state)), flush=True)
        return 0
    fetch(quiet=True)

    # fresh instance directory; only wipe what is clearly ours
    if inst.exists():
        if not inst.is_dir():
            raise CtlError(f"{inst} exists and is not a directory")
        if any(inst.iterdir()) and not (inst / STATE_FILE).is_file():
            raise CtlError(f"{inst} is not empty and not a neo4jctl instance: refusing to wipe it")
        shutil.rmtree(inst)
    for sub in ("conf", "data", "logs", "run", "plugins", "import"):
        (inst / sub).mkdir(parents=True, exist_ok=True)

    bolt = choose_port(args.port_bolt, 7687, set(), "Bolt")
    http = None  # HTTP connector off unless asked for
    if args.port_http is not None:
        http = choose_port(args.port_http, 7474, {bolt}, "HTTP")
    password = os.environ.get("NEO4J_PASSWORD") or secrets.token_urlsafe(18)
    if password == "neo4j":
        raise CtlError("NEO4J_PASSWORD may not be 'neo4j' (Neo4j would demand a change)")
    write_conf(inst, bolt, http, args.heap, args.pagecache)
    state = {
        "version": NEO4J_VERSION,
        "bolt_port": bolt,
        "http_port": http,
        "user": "neo4j",
        "password": password,
        "database": "neo4j",
        "heap": args.heap,
        "pagecache": args.pagecache,
    }
    save_state(inst, state)

    # neo4j-admin dbms set-initial-password, via the admin tool's main class
    java = java_bin()
    check_java(java)
    env = dict(os.environ, NEO4J_HOME=str(inst), NEO4J_CONF=str(inst / "conf"))
    r = subprocess.run([java, "-Xmx256m", "-cp", classpath(inst), ADMIN_CLASS,
                        "dbms", "set-initial-password", "--", password],  # "--": a password may start with "-"
                       env=env, cwd=inst, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if r.returncode != 0 or not (inst / "data" / "dbms" / "auth.ini").is_file():
        out = (r.stdout + r.stderr).splitlines()
        sys.stderr.write("\n".join(out[:3] + (["\t..."] if len(out) > 3 else [])) + "\n")
        raise CtlError(f"setting the initial password failed (exit {r.returncode})")
    http_note = f", HTTP 127.0.0.1:{http}" if http else ", HTTP off"
    log(f"fresh instance {inst}: Bolt 127.0.0.1:{bolt}{http_note}, heap {args.heap}, pagecache {args.pagecache}")
    start_instance(inst, env_file, args.timeout)
    return 0


def cmd_start(args) -> int:
    inst = instance_dir(args)
    pid = running_pid(inst) if (inst / STATE_FILE).is_file() else None
    if pid:
        log(f"already running (pid {pid}) in {inst}")
        print("\n".join(env_lines(load_state(inst))), flush=True)
        return 0
    start_instance(inst, _env_file_arg(args), args.timeout)
    return 0


def cmd_down(args) -> int:
    inst = instance_dir(args)
    pid = running_pid(inst)
    if pid is None:
        (inst / PID_FILE).unlink(missing_ok=True)
        log("not running")
        return 0
    t0 = time.monotonic()
    how = stop_pid(pid, inst, args.timeout)
    (inst / PID_FILE).unlink(missing_ok=True)
    log(f"{how} pid {pid} in {time.monotonic() - t0:.1f} s")
    return 0


def cmd_kill(args) -> int:
    inst = instance_dir(args)
    pid = running_pid(inst)
    if pid is None:
        log("not running")
        return 0
    os.kill(pid, signal.SIGKILL)
    wait_gone(pid, inst, 10)
    (inst / PID_FILE).unlink(missing_ok=True)
    log(f"SIGKILLed pid {pid} (data kept; `start` restarts it)")
    return 0


def cmd_status(args) -> int:
    inst = instance_dir(args)
    state = None
    if (inst / STATE_FILE).is_file():
        state = load_state(inst)
    pid = running_pid(inst) if state else None
    if pid and state:
        bolt = state["bolt_port"]
        answering = tcp_open(bolt)
        print(f"running pid={pid} uri=bolt://127.0.0.1:{bolt} "
              f"bolt={'open' if answering else 'not-open'} dir={inst}")
        return 0
    print(f"not running dir={inst}" + ("" if state else " (no instance)"))
    return 3


def cmd_env(args) -> int:
    state = load_state(instance_dir(args))
    print("\n".join(env_lines(state)))
    return 0


def main(argv: list[str] | None = None) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--dir", help="instance directory (default: <cache>/instance)")
    p = argparse.ArgumentParser(prog="neo4jctl.py", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)

    sub.add_parser("fetch", parents=[common], help="resolve Neo4j jars into the cache")

    up = sub.add_parser("up", parents=[common], help="fresh instance, start, write env file")
    up.add_argument("--port-bolt", type=int, default=None,
                    help="Bolt port (default 7687 if free, else a free one; 0 = any free)")
    up.add_argument("--port-http", type=int, default=None,
                    help="enable the HTTP connector on this port (0 = any free); default off")
    up.add_argument("--env-file", help=f"where to write NEO4J_* (default {DEFAULT_ENV_FILE})")
    up.add_argument("--heap", default=os.environ.get("INNOGRAPH_NEO4J_HEAP", "512m"))
    up.add_argument("--pagecache", default=os.environ.get("INNOGRAPH_NEO4J_PAGECACHE", "256m"))
    up.add_argument("--timeout", type=float, default=START_TIMEOUT_S)

    st = sub.add_parser("start", parents=[common], help="start an existing instance (data kept)")
    st.add_argument("--env-file", help=f"where to write NEO4J_* (default {DEFAULT_ENV_FILE})")
    st.add_argument("--timeout", type=float, default=START_TIMEOUT_S)

    dn = sub.add_parser("down", parents=[common], help="stop (SIGTERM, then SIGKILL)")
    dn.add_argument("--timeout", type=float, default=STOP_TIMEOUT_S)
    sub.add_parser("kill", parents=[common], help="SIGKILL at once (fault tests)")
    sub.add_parser("status", parents=[common], help="exit 0 if running, 3 if not")
    sub.add_parser("env", parents=[common], help="print the instance's NEO4J_* lines")

    args = p.parse_args(argv)
    handler = {"fetch": cmd_fetch, "up": cmd_up, "start": cmd_start, "down": cmd_down,
               "kill": cmd_kill, "status": cmd_status, "env": cmd_env}[args.cmd]
    try:
        if args.cmd in ("up", "start", "down", "kill"):
            with locked(instance_lock(instance_dir(args))):
                return handler(args)
        return handler(args)
    except CtlError as e:
        log(f"error: {e}")
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
