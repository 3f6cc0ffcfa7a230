"""The documentation: every ```python block of README.md and docs/ runs, and the site builds.

Each block runs alone, in a fresh namespace, in a fresh temporary directory, against the
local emulator (the order of sections and pages is free to change). What a block may use
without defining it, so snippets can stay short:

- ``hub``: a running emulator (reset for each block), and ``client``: a ``Client`` on it;
- placeholders the prose leaves to the reader: ``contact_ids``, ``pairs``, ``bar``, ``log``,
  ``my_oauth``, ``my_sync_job``, a ``pairs.csv`` in the working directory, ``Protocol`` and
  ``Mapping``;
- every ``Client(...)`` / ``AsyncClient(...)`` without a ``base_url`` goes to the emulator,
  and ``access_token=...`` (a literal Ellipsis) stands for a token, so blocks written for the
  real HubSpot run as they are. Every block talks to the emulator on 127.0.0.1 only.

A block that cannot run in-process (a signature listing, a Redis server) says so on a line of
its own: ``# readme-test: skip <reason>``; use it sparingly. A failing block is reported with
its file, line and the section it is in; tracebacks point at that file's own line numbers.

The site (``mkdocs.yml``, ``docs/``) is built with ``mkdocs build --strict``: a broken link or
anchor, a page missing from the navigation, a docstring reference that no longer resolves
fails. The README's links into ``docs/`` are checked here too (mkdocs does not read it).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import tomllib
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import hubspot_associations
import markdown
import pytest
import yaml
from hubspot_associations import AsyncClient, Client

pytest.importorskip("uvicorn")  # the emulator extra

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = [README, *sorted(DOCS.rglob("*.md"))]
SKIP = re.compile(r"^\s*#\s*readme-test:\s*skip\b\s*(.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Block:
    file: str  # the page, relative to the repository
    line: int  # the page's line of the block's first line of code
    section: str  # the heading it is under
    code: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line} ({self.section})"


def python_blocks(text: str, file: str = "README.md") -> list[Block]:
    blocks: list[Block] = []
    section = "(top)"
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("#") and not line.startswith("#!"):
            section = line.lstrip("#").strip()
        fence = line.strip()
        if fence.startswith("```"):
            language = fence[3:].strip().split(" ")[0]
            end = i + 1
            while end < len(lines) and lines[end].strip() != "```":
                end += 1
            if end == len(lines):
                raise AssertionError(f"{file}:{i + 1}: a ``` block that is never closed")
            if language == "python":
                code = "\n".join(lines[i + 1 : end]) + "\n"
                blocks.append(Block(file, i + 2, section, code))
            i = end
        i += 1
    return blocks


BLOCKS = [
    block
    for page in PAGES
    for block in python_blocks(page.read_text(encoding="utf-8"), str(page.relative_to(ROOT)))
]


def test_the_readme_and_the_docs_have_python_blocks() -> None:
    assert len(BLOCKS) >= 10
    assert any(block.file == "README.md" for block in BLOCKS)
    assert len({block.where for block in BLOCKS}) == len(BLOCKS)


class _OAuth:
    def current_token(self) -> str:
        return "oauth-access-token"


def _aimed_at(hub: Any, cls: type[Any]) -> type[Any]:
    """``cls`` whose instances default to the emulator, with ``...`` as a token."""

    class Aimed(cls):  # type: ignore[misc, valid-type]
        @functools.wraps(cls.__init__)
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("base_url", hub.url)
            if kwargs.get("access_token") is Ellipsis:
                kwargs["access_token"] = "test"
            if args and args[0] is Ellipsis:
                args = ("test", *args[1:])
            super().__init__(*args, **kwargs)

    Aimed.__name__ = Aimed.__qualname__ = cls.__name__
    return Aimed


@pytest.fixture
def aimed(
    hubspot_emulator: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[dict[str, Any]]:
    """The namespace a block starts with (see the module docstring)."""
    sync, asyncc = _aimed_at(hubspot_emulator, Client), _aimed_at(hubspot_emulator, AsyncClient)
    monkeypatch.setattr(hubspot_associations, "Client", sync)
    monkeypatch.setattr(hubspot_associations, "AsyncClient", asyncc)
    monkeypatch.setattr(hubspot_associations.client, "Client", sync)
    monkeypatch.setattr(hubspot_associations.client, "AsyncClient", asyncc)
    monkeypatch.setenv("HUBSPOT_ACCESS_TOKEN", "test")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pairs.csv").write_text("".join(f"{i},{1000 + i}\n" for i in range(1, 6)))
    from collections.abc import Mapping
    from typing import Protocol

    client = sync(access_token="test")
    yield {
        "__name__": "readme",
        "hub": hubspot_emulator,
        "client": client,
        "contact_ids": [1, 2, 3],
        "pairs": [(1, 10), (2, 20), (3, 30)],
        "bar": lambda done, total: None,
        "log": lambda *args: None,
        "my_oauth": _OAuth(),
        "my_sync_job": lambda client: None,
        "Protocol": Protocol,
        "Mapping": Mapping,
    }
    client.close()


@pytest.mark.parametrize("block", BLOCKS, ids=[f"{b.file}:{b.line}" for b in BLOCKS])
def test_docs_block(block: Block, aimed: dict[str, Any]) -> None:
    skip = SKIP.search(block.code)
    if skip:
        pytest.skip(f"{block.where}: {skip.group(1) or 'marked readme-test: skip'}")
    run_block(block, aimed)


def test_a_failing_block_is_reported_with_its_file_and_line() -> None:
    text = "# Title\n\n## Usage\n\n```python\nx = 1\nraise ValueError('boom')\n```\n"
    (block,) = python_blocks(text, "docs/usage.md")
    assert (block.file, block.line, block.section) == ("docs/usage.md", 6, "Usage")
    with pytest.raises(AssertionError) as info:
        run_block(block, {})
    message = str(info.value)
    assert "docs/usage.md:6 (Usage) failed: ValueError: boom" in message
    assert 'usage.md", line 7' in message  # the traceback points at the page's own line
    with pytest.raises(AssertionError, match=r"docs/usage.md:1: .*never closed"):
        python_blocks("```python\nx = 1\n", "docs/usage.md")


def run_block(block: Block, namespace: dict[str, Any]) -> None:
    try:
        # Padded with blank lines so tracebacks give the page's own line numbers.
        source = "\n" * (block.line - 1) + block.code
        exec(compile(source, str(ROOT / block.file), "exec"), namespace)
    except BaseException as exc:
        shown = "".join(traceback.format_exception(exc))
        raise AssertionError(
            f"the ```python block at {block.where} failed: {type(exc).__name__}: {exc}\n"
            f"--- block ---\n{block.code}--- traceback ---\n{shown}"
        ) from None


def test_skips_are_rare() -> None:
    skipped = [block.where for block in BLOCKS if SKIP.search(block.code)]
    assert len(skipped) <= max(3, len(BLOCKS) // 5), skipped


def mkdocs_build(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # the theme's notice, not a warning
    # No --quiet: it hides the warnings --strict counts, and a broken link would pass.
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    return subprocess.run(
        [*command, "--config-file", str(config), "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_site_builds_strict(tmp_path: Path) -> None:
    built = mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "site")
    assert built.returncode == 0, built.stdout + built.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    reference = (tmp_path / "site" / "reference" / "clients" / "index.html").read_text()
    assert 'id="hubspot_associations.Client.with_options"' in reference  # from the docstrings


def test_a_broken_anchor_fails_the_build(tmp_path: Path) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    with (docs / "index.md").open("a") as page:
        page.write("\nSee [nowhere](pagination.md#no-such-section).\n")
    config["docs_dir"] = str(docs)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "mkdocstrings" in plugin:
            python = plugin["mkdocstrings"]["handlers"]["python"]
            python["paths"] = [str(ROOT / path) for path in python["paths"]]
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config))
    built = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert built.returncode != 0
    assert "no-such-section" in built.stdout + built.stderr


def anchors(page: Path) -> set[str]:
    """The ids mkdocs gives the headings of a page (the toc extension's slugs)."""
    html = markdown.markdown(page.read_text(encoding="utf-8"), extensions=["toc", "tables"])
    return set(re.findall(r'<h[1-6] id="([^"]+)"', html))


def test_every_link_of_the_readme_resolves() -> None:
    text = README.read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    local = [link for link in links if "://" not in link]
    assert any(link.startswith("docs/") for link in local)
    for link in local:
        path, _, anchor = link.partition("#")
        target = ROOT / path if path else README
        assert target.is_file(), f"README.md links to {link}: no such file"
        if anchor:
            assert anchor in anchors(target), f"README.md links to {link}: no such heading"


def test_every_dependency_has_its_reason_in_the_docs() -> None:
    """docs/dependencies.md has a row for each package pyproject.toml names, and no other."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = [*project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        requirements += extra
    requirements += tomllib.loads((ROOT / "pyproject.toml").read_text())["dependency-groups"]["dev"]
    declared = {re.split(r"[<>=!~\[;\s]", r, maxsplit=1)[0].lower() for r in requirements}
    rows: set[str] = set()
    page = (DOCS / "dependencies.md").read_text(encoding="utf-8")
    for line in page.splitlines()[1:]:
        if line.startswith("| ") and not line.startswith("| package") and "---" not in line:
            first = line.split("|")[1].split(" (")[0]
            rows |= {name.strip().lower() for name in first.split(",")}
    assert declared - rows == set(), "packages without a row in docs/dependencies.md"
    assert rows - declared == set(), "rows of docs/dependencies.md for packages not declared"
