"""Every ```python block of README.md runs, against the local emulator.

Each block runs alone, in a fresh namespace, in a fresh temporary directory (the order of the
README's sections is free to change). What a block may use without defining it, so README
snippets can stay short:

- ``hub``: a running emulator (reset for each block), and ``client``: a ``Client`` on it;
- placeholders the prose leaves to the reader: ``contact_ids``, ``pairs``, ``bar``, ``log``,
  ``my_oauth``, ``my_sync_job``, a ``pairs.csv`` in the working directory, ``Protocol`` and
  ``Mapping``;
- every ``Client(...)`` / ``AsyncClient(...)`` without a ``base_url`` goes to the emulator,
  and ``access_token=...`` (a literal Ellipsis) stands for a token, so blocks written for the
  real HubSpot run as they are. Every block talks to the emulator on 127.0.0.1 only.

A block that cannot run in-process (a signature listing, a Redis server) says so on a line of
its own: ``# readme-test: skip <reason>``; use it sparingly. A failing block is reported with
its README line and the section it is in; tracebacks point at README.md's own line numbers.
"""

from __future__ import annotations

import functools
import re
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import hubspot_associations
import pytest
from hubspot_associations import AsyncClient, Client

pytest.importorskip("uvicorn")  # the emulator extra

README = Path(__file__).resolve().parent.parent / "README.md"
SKIP = re.compile(r"^\s*#\s*readme-test:\s*skip\b\s*(.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Block:
    line: int  # README line of the block's first line of code
    section: str  # the heading it is under
    code: str

    @property
    def where(self) -> str:
        return f"README.md:{self.line} ({self.section})"


def python_blocks(text: str) -> list[Block]:
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
                raise AssertionError(f"README.md:{i + 1}: a ``` block that is never closed")
            if language == "python":
                blocks.append(Block(i + 2, section, "\n".join(lines[i + 1 : end]) + "\n"))
            i = end
        i += 1
    return blocks


BLOCKS = python_blocks(README.read_text(encoding="utf-8"))


def test_the_readme_has_python_blocks() -> None:
    assert len(BLOCKS) >= 10
    assert len({block.line for block in BLOCKS}) == len(BLOCKS)


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
    """The namespace a README block starts with (see the module docstring)."""
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


@pytest.mark.parametrize("block", BLOCKS, ids=[f"README.md:{b.line}" for b in BLOCKS])
def test_readme_block(block: Block, aimed: dict[str, Any]) -> None:
    skip = SKIP.search(block.code)
    if skip:
        pytest.skip(f"{block.where}: {skip.group(1) or 'marked readme-test: skip'}")
    run_block(block, aimed)


def test_a_failing_block_is_reported_with_its_readme_line() -> None:
    text = "# Title\n\n## Usage\n\n```python\nx = 1\nraise ValueError('boom')\n```\n"
    (block,) = python_blocks(text)
    assert (block.line, block.section) == (6, "Usage")
    with pytest.raises(AssertionError) as info:
        run_block(block, {})
    message = str(info.value)
    assert "README.md:6 (Usage) failed: ValueError: boom" in message
    assert 'README.md", line 7' in message  # the traceback points at the README's line
    with pytest.raises(AssertionError, match="never closed"):
        python_blocks("```python\nx = 1\n")


def run_block(block: Block, namespace: dict[str, Any]) -> None:
    try:
        # Padded with blank lines so tracebacks give README.md's own line numbers.
        exec(compile("\n" * (block.line - 1) + block.code, str(README), "exec"), namespace)
    except BaseException as exc:
        shown = "".join(traceback.format_exception(exc))
        raise AssertionError(
            f"the ```python block at {block.where} failed: {type(exc).__name__}: {exc}\n"
            f"--- block ---\n{block.code}--- traceback ---\n{shown}"
        ) from None


def test_skips_are_rare() -> None:
    skipped = [block.where for block in BLOCKS if SKIP.search(block.code)]
    assert len(skipped) <= max(3, len(BLOCKS) // 5), skipped
