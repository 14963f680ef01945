"""The W3C Nu HTML Checker (``tools/nu-validator``, built by Maven), run once over many files."""

import json
import os
import shutil
import subprocess
from pathlib import Path

LIB = Path(__file__).resolve().parent.parent / "tools" / "nu-validator" / "target" / "lib"
BUILD = "(cd tools/nu-validator && mvn -B -q package)"


def checker_unavailable_reason() -> str | None:
    if not shutil.which(os.environ.get("JAVA", "java")):
        return "Java not found (apt-get install openjdk-17-jre-headless)"
    if not any(LIB.glob("validator-*.jar")):
        return f"the Nu HTML Checker is not built: {BUILD}"
    return None


def html_errors(files: list[Path]) -> list[dict]:
    """Every error (not warning) the checker finds in ``files``, with one JVM start for all."""
    result = subprocess.run(
        [
            os.environ.get("JAVA", "java"),
            "-cp",
            f"{LIB}/*",
            "nu.validator.client.SimpleCommandLineValidator",
            "--format",
            "json",
            "--stdout",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    return [
        {
            "file": Path(message.get("url", "")).name,
            "line": message.get("lastLine"),
            "message": message["message"],
            "extract": message.get("extract", ""),
        }
        for message in report["messages"]
        if message["type"] == "error" or message.get("subType") == "fatal"
    ]
