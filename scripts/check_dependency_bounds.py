"""Run the tests that exercise the runtime dependencies on both ends of their ranges.

pyproject.toml gives users bounded ranges (`dependencies`, and the `emulator` extra the tests
start the emulator with), while the dev set pins one version of each. This builds two more
venvs, each with the project installed with the `emulator` extra and without the dev group,
plus the few test tools the tests import (pinned as in the dev group):

- `lowest`: every package at the lower bound of its range (`name>=X` installed as `name==X`);
- `newest`: the newest release each range admits (what a user installing today gets);

and runs SUBSET (the SDK against MockTransport and the emulator: HTTP, streaming, decoding,
paging, retries, outcomes) in each, printing the versions it ran on. A venv (in
.venv-bounds/) is rebuilt only when pyproject.toml or this script changes, as
scripts/bootstrap does for .venv; `--rebuild` rebuilds both (e.g. to pick up new releases).

Usage (scripts/test runs it with no arguments after the whole suite):
    .venv/bin/python scripts/check_dependency_bounds.py [--rebuild] [lowest|newest ...]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
HOME = ROOT / ".venv-bounds"
EXTRA = "emulator"
# The test tools the subset imports (tests/conftest.py checks every request against spec/ with
# openapi-core), at the dev group's pins.
TEST_TOOLS = ("pytest", "pytest-asyncio", "pytest-timeout", "hypothesis", "openapi-core")
SUBSET = [
    "tests/wrapper/test_requests.py",
    "tests/wrapper/test_streaming.py",
    "tests/wrapper/test_wire.py",
    "tests/wrapper/test_hostile_answers.py",
    "tests/wrapper/test_raw_client.py",
    "tests/wrapper/test_raw_responses.py",
    "tests/wrapper/test_retries.py",
    "tests/wrapper/test_errors.py",
    "tests/wrapper/test_pagination.py",
    "tests/wrapper/test_outcomes.py",
    "tests/wrapper/test_async_parity.py",
    "tests/wrapper/test_every_method.py",
    "tests/wrapper/test_secrets_and_bounds.py",
    "tests/wrapper/test_call_timeout.py",  # cuts connections through httpx/httpcore internals
]


def ranges(project: dict[str, object]) -> list[Requirement]:
    """The runtime requirements and the emulator extra's; each must have both bounds."""
    meta = project["project"]
    assert isinstance(meta, dict)
    reqs = [Requirement(r) for r in [*meta["dependencies"], *meta["optional-dependencies"][EXTRA]]]
    for req in reqs:
        ops = {s.operator for s in req.specifier}
        if not {">=", "<"} <= ops:
            raise SystemExit(f"{req}: a runtime range needs a lower (>=) and an upper (<) bound")
    return reqs


def lowest(req: Requirement) -> str:
    (floor,) = [s.version for s in req.specifier if s.operator == ">="]
    return floor


def test_tool_pins(project: dict[str, object]) -> list[str]:
    groups = project["dependency-groups"]
    assert isinstance(groups, dict)
    pins = {canonicalize_name(Requirement(r).name): r for r in groups["dev"]}
    return [pins[canonicalize_name(name)] for name in TEST_TOOLS]


def build(bound: str, reqs: list[Requirement], tools: list[str], stamp: str) -> Path:
    venv = HOME / bound
    stamp_file = venv / ".installed"
    if stamp_file.is_file() and stamp_file.read_text() == stamp:
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    # -qq: errors only (no notices about this machine's index settings)
    pip = [
        str(venv / "bin" / "python"),
        "-m",
        "pip",
        "install",
        "-qq",
        "--disable-pip-version-check",
    ]
    cmd = [*pip, "-e", f"{ROOT}[{EXTRA}]", *tools]
    if bound == "lowest":
        constraints = venv / "constraints.txt"
        constraints.write_text("".join(f"{r.name}=={lowest(r)}\n" for r in reqs))
        cmd += ["--constraint", str(constraints)]
    subprocess.run(cmd, check=True)
    stamp_file.write_text(stamp)
    return venv


def installed(venv: Path, reqs: list[Requirement]) -> dict[str, str]:
    names = [r.name for r in reqs]
    code = (
        "import sys; from importlib.metadata import version\n"
        "print('\\n'.join(version(n) for n in sys.argv[1:]))"
    )
    out = subprocess.run(
        [str(venv / "bin" / "python"), "-c", code, *names],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return dict(zip(names, out, strict=True))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bounds", nargs="*", help="lowest, newest (default: both)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the venvs")
    args = parser.parse_args()
    if not set(args.bounds) <= {"lowest", "newest"}:
        parser.error("the bounds are lowest and newest")
    text = (ROOT / "pyproject.toml").read_bytes()
    project = tomllib.loads(text.decode())
    reqs, tools = ranges(project), test_tool_pins(project)
    floors = {r.name: Version(lowest(r)) for r in reqs}
    stamp = hashlib.sha256(text + Path(__file__).read_bytes()).hexdigest()
    runs: dict[str, tuple[subprocess.Popen[bytes], Path]] = {}
    for bound in args.bounds or ["lowest", "newest"]:
        if args.rebuild:
            shutil.rmtree(HOME / bound, ignore_errors=True)
        venv = build(bound, reqs, tools, stamp)
        versions = installed(venv, reqs)
        off = [f"{n} {v}" for n, v in versions.items() if Version(v) != floors[n]]
        if bound == "lowest" and off:
            raise SystemExit(f"lowest: not at the lower bound: {', '.join(off)}")
        print(f"-- {bound}: " + ", ".join(f"{n} {v}" for n, v in versions.items()), flush=True)
        # Both runs at once (CI has 2 cores), each into its own log, printed when it ends.
        log = venv / "pytest.log"
        with log.open("wb") as out:
            cmd = [str(venv / "bin" / "python"), "-m", "pytest", "-q", *SUBSET]
            runs[bound] = (subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=out), log)
    failed = []
    for bound, (proc, log) in runs.items():
        code = proc.wait()
        lines = log.read_text(errors="replace").splitlines()
        print(f"-- {bound}: pytest exit {code}", flush=True)
        print("\n".join(lines if code else lines[-1:]), flush=True)
        if code:
            failed.append(bound)
    if failed:
        print(f"dependency bounds: the tests fail on the {' and '.join(failed)} versions")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
