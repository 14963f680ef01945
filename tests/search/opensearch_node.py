"""A real OpenSearch node for the tests: reuse one that answers, or start tools/opensearch.

``SEARCH_URL`` or ``OPENSEARCH_URL`` naming a node that answers is reused as is. Otherwise,
with Java and Maven installed, ``tools/opensearch/run.sh`` builds (once, cached in ``~/.m2``)
and starts a node on a free port in its own process group; it is stopped with SIGTERM after
the session. ``REQUIRE_OPENSEARCH=1`` (set by ``.ci/run``) turns "unavailable" into a failure.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

RUN_SH = Path(__file__).resolve().parents[2] / "tools" / "opensearch" / "run.sh"
START_TIMEOUT = 300  # seconds: the first Maven build can take a while on a cold ~/.m2


@dataclass
class Node:
    url: str
    process: subprocess.Popen | None = None
    log: Path | None = None
    problems: list[str] = field(default_factory=list)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def answers(url: str, path: str = "/", timeout: float = 2) -> dict | None:
    try:
        with urllib.request.urlopen(url.rstrip("/") + path, timeout=timeout) as response:
            return json.load(response)
    except (OSError, ValueError):
        return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def unavailable_reason() -> str | None:
    for tool in ("java", "mvn"):
        if shutil.which(tool) is None:
            return (
                f"{tool} not found: OpenSearch tests need Java 17 and Maven (apt-get install maven)"
            )
    return None


def start() -> Node:
    """A node that answers and is yellow, or ``RuntimeError`` with the reason and the log tail."""
    for variable in ("OPENSEARCH_URL", "SEARCH_URL"):
        url = os.environ.get(variable, "").strip()
        if url and answers(url):
            wait_for_yellow(url)
            return Node(url)
    reason = unavailable_reason()
    if reason:
        raise RuntimeError(reason)
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="opensearch-test-", suffix=".log")[1])
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(RUN_SH), str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    node = Node(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + START_TIMEOUT
    while answers(node.url) is None:
        if process.poll() is not None or time.monotonic() > deadline:
            node.stop()
            tail = log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"OpenSearch did not start on port {port}:\n{tail}")
        time.sleep(0.5)
    wait_for_yellow(node.url)
    return node


def wait_for_yellow(url: str) -> None:
    health = answers(url, "/_cluster/health?wait_for_status=yellow&timeout=60s", timeout=70)
    if not health or health.get("status") not in ("yellow", "green"):
        raise RuntimeError(f"OpenSearch at {url} is not yellow: {health}")
