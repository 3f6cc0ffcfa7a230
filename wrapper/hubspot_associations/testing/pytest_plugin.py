"""pytest plugin (registered as the ``hubspot_associations`` pytest11 entry point).

Fixtures:

``hubspot_emulator``
    A running :class:`~hubspot_associations.testing.Emulator`, fresh for every test: one
    server per test session, its state, faults and request log reset before each test.

``hubspot_emulator_session``
    The session-wide emulator itself (state shared between tests).

This module imports nothing heavy at load time, so installing the package without the
``emulator`` extra never breaks a pytest run; the fixtures then fail with a clear message.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from hubspot_associations.testing import Emulator

__all__ = ["hubspot_emulator", "hubspot_emulator_session"]


@pytest.fixture(scope="session")
def hubspot_emulator_session() -> Iterator[Emulator]:
    try:
        from hubspot_associations.testing import Emulator
    except ImportError as exc:  # pragma: no cover - depends on installed extras
        pytest.fail(f"the hubspot_emulator fixture needs the emulator extra: {exc}")
    hub = Emulator()
    hub.start()
    try:
        yield hub
    finally:
        hub.stop()


@pytest.fixture
def hubspot_emulator(hubspot_emulator_session: Emulator) -> Iterator[Emulator]:
    hubspot_emulator_session.reset()
    yield hubspot_emulator_session
    hubspot_emulator_session.reset()
