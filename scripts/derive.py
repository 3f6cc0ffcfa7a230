"""Write the SDK's code that is derived from a hand-written source (run it as scripts/derive).

1. ``resources/*.py``: the sync twin of every async class, below the module's marker line,
   by unasync (python-trio's token rewriter): ``async`` and ``await`` dropped, ``AsyncX``
   names become ``X`` (``AsyncClient`` -> ``Client``, ``AsyncIterator`` -> ``Iterator``). So a
   resource's method is written once, async, and its sync twin cannot drift from it.
2. ``raw_responses.py``, whole: ``client.with_raw_response``'s classes, one per resource, with
   an attribute per method that is awaited (not the ones that return an iterator), each typed
   by ``responses.raw_response``; async, and their sync twins by the same rewriter.
3. ``__init__.py``: what type checkers read, the imports under ``TYPE_CHECKING`` and
   ``__all__``, from the package's one table of public names, ``_PUBLIC``.

Every file is formatted by ruff. ``--check`` writes nothing and exits 1 naming the files that
differ from what it would write (tests/test_derived.py runs it).
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import unasync

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "wrapper" / "hubspot_associations"
RESOURCES = PACKAGE / "resources"
CONFIG = ROOT / "pyproject.toml"  # ruff's settings, wherever the files are
TWINS = "# --- sync twins: written by scripts/derive from the async classes above; do not edit ---"
EXPORTS_START = "# --- written by scripts/derive from _PUBLIC; do not edit ---"
EXPORTS_END = "# --- end of what scripts/derive writes ---"
# Names unasync cannot tell from their spelling.
RENAMES = {"async_raw_response": "raw_response", "aclose": "close"}


def to_sync(source: str) -> str:
    """``source`` with every async construct made sync (unasync works on files: a temporary
    ``_async/`` file becomes a ``_sync/`` one)."""
    renames = {f"Async{rest}": rest for rest in re.findall(r"\bAsync([A-Z]\w*)", source)}
    rule = unasync.Rule("/_async/", "/_sync/", additional_replacements=renames | RENAMES)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "_async", "module.py")
        path.parent.mkdir()
        path.write_text(source)
        unasync.unasync_files([str(path)], [rule])
        return Path(folder, "_sync", "module.py").read_text()


def ruff(source: str, path: Path) -> str:
    """``source`` as ruff formats it (imports and ``__all__`` sorted too), as if at ``path``."""
    for command in (["check", "--fix", "--select", "I,RUF022", "--quiet"], ["format"]):
        source = subprocess.run(
            [
                sys.executable,
                "-m",
                "ruff",
                *command,
                "--config",
                str(CONFIG),
                "--stdin-filename",
                str(path),
                "-",
            ],
            input=source,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
    return source


def async_classes(source: str) -> list[ast.ClassDef]:
    return [
        node
        for node in ast.parse(source).body
        if isinstance(node, ast.ClassDef) and node.name.startswith("Async")
    ]


def with_twins(path: Path) -> str:
    """A resources module: what is above its marker, then the sync twins of its classes."""
    text = path.read_text()
    written = text[: text.index(TWINS)]
    lines = written.splitlines()
    sources = [
        "\n".join(lines[node.lineno - 1 - len(node.decorator_list) : node.end_lineno])
        for node in async_classes(written)
    ]
    return ruff(f"{written}{TWINS}\n\n\n" + to_sync("\n\n\n".join(sources)), path)


def resources() -> list[tuple[str, ast.ClassDef]]:
    """(module, its async resource class) for every resource module (by name) that has one."""
    found = []
    for path in sorted(RESOURCES.glob("[!_]*.py")):
        classes = [c for c in async_classes(path.read_text()) if _is_resource(c)]
        if len(classes) > 1:
            raise SystemExit(f"{path}: one AsyncResource class per module, found {len(classes)}")
        found.extend((path.stem, c) for c in classes)  # none: a resource written by hand
    return found


def _is_resource(node: ast.ClassDef) -> bool:
    return any(isinstance(b, ast.Name) and b.id == "AsyncResource" for b in node.bases)


RAW_HEADER = '''"""``client.with_raw_response``: each call of a resource that returns a result
(not an iterator) returns a ``RawResponse`` of it instead (``responses``).

Written by scripts/derive from the resources (``resources/``); do not edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .responses import RawCalls, async_raw_response, raw_response

if TYPE_CHECKING:
    from .client import AsyncClient, Client
'''


def raw_responses() -> str:
    found = resources()
    imports = [
        f"    from .resources.{module} import {cls.name}, {cls.name[5:]}\n" for module, cls in found
    ]
    classes = []
    for module, cls in found:
        calls = [
            f"        self.{node.name} = async_raw_response({module}.{node.name}, owner)\n"
            for node in cls.body
            if isinstance(node, ast.AsyncFunctionDef) and not node.name.startswith("_")
        ]
        classes.append(
            f"class AsyncRaw{cls.name[5:]}(RawCalls):\n"
            f'    """``client.with_raw_response.{module}``: the calls of ``client.{module}`` that\n'
            f'    return a result, each returning a ``RawResponse`` of it."""\n\n'
            f"    def __init__(self, {module}: {cls.name}, owner: object) -> None:\n"
            f'        super().__init__({module}, "{module}")\n' + "".join(calls)
        )
    attributes = "".join(
        f"        self.{module} = AsyncRaw{cls.name[5:]}(client.{module}, owner)\n"
        for module, cls in found
    )
    classes.append(
        "class AsyncRawResponses:\n"
        '    """``client.with_raw_response``: ``.labels.list(...)`` and every other call that\n'
        "    returns a result (not an iterator) gives a ``RawResponse`` wrapping that result\n"
        '    (awaited, for an ``AsyncClient``)."""\n\n'
        "    def __init__(self, client: AsyncClient) -> None:\n"
        "        owner = client.stats  # a client's copies record into its stats' recorders\n"
        + attributes
    )
    source = "\n\n".join(classes)
    text = RAW_HEADER + "".join(imports) + "\n\n" + source + "\n\n" + to_sync(source)
    return ruff(text, PACKAGE / "raw_responses.py")


def exports(path: Path) -> str:
    """``__init__.py`` with the imports for type checkers and ``__all__`` from ``_PUBLIC``."""
    text = path.read_text()
    table = next(
        node.value
        for node in ast.parse(text).body
        if isinstance(node, ast.AnnAssign | ast.Assign)
        and "_PUBLIC" in ast.unparse(node.target if isinstance(node, ast.AnnAssign) else node)
    )
    public: dict[str, list[str]] = ast.literal_eval(table)
    imports = "".join(
        f"    from .{module} import {', '.join(names)}\n" for module, names in public.items()
    )
    names = ", ".join(f'"{n}"' for ns in public.values() for n in ns)
    block = f'if TYPE_CHECKING:\n{imports}\n__all__ = [{names}, "__version__"]\n'
    start, end = text.index(EXPORTS_START), text.index(EXPORTS_END)
    return ruff(f"{text[:start]}{EXPORTS_START}\n{block}{text[end:]}", path)


def derived() -> dict[Path, str]:
    """Every derived file, as it should be."""
    out = {
        path: with_twins(path)
        for path in sorted(RESOURCES.glob("*.py"))
        if TWINS in path.read_text()
    }
    out[PACKAGE / "raw_responses.py"] = raw_responses()
    out[PACKAGE / "__init__.py"] = exports(PACKAGE / "__init__.py")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    args = parser.parse_args()
    stale = []
    for path, text in derived().items():
        if path.read_text() != text:
            stale.append(path.relative_to(ROOT))
            if not args.check:
                path.write_text(text)
    if args.check and stale:
        sys.exit("derived code is stale, run scripts/derive: " + ", ".join(map(str, stale)))
    for path in stale:
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
