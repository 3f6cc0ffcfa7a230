"""pytest plugin (registered as the ``hubspot_associations`` pytest11 entry point).

Fixtures:

``hubspot_emulator``
    A running :class:`~hubspot_associations.testing.Emulator`, fresh for every test: one
    server per test session, its state, faults and request log reset before each test.

``hubspot_emulator_session``
    The session-wide emulator itself (state shared between tests).

``hubspot_emulator_factory``
    ``hubspot_emulator_factory(strict_records=True, faults=Faults(seed=1), ...)`` starts an
    emulator of your own configuration (any ``Emulator`` argument); stopped after the test.

This module imports nothing heavy at load time, so installing the package without the
``emulator`` extra never breaks a pytest run; the fixtures then fail with a clear message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from hubspot_associations.testing import Emulator

__all__ = ["hubspot_emulator", "hubspot_emulator_factory", "hubspot_emulator_session"]


def _emulator_class() -> type[Emulator]:
    try:
        from hubspot_associations.testing import Emulator
    except ImportError as exc:  # pragma: no cover - depends on installed extras
        pytest.fail(f"the hubspot_emulator fixtures need the emulator extra: {exc}")
    return Emulator


@pytest.fixture(scope="session")
def hubspot_emulator_session() -> Iterator[Emulator]:
    hub = _emulator_class()()
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


@pytest.fixture
def hubspot_emulator_factory() -> Iterator[Callable[..., Emulator]]:
    started: list[Emulator] = []

    def make(**options: Any) -> Emulator:
        hub = _emulator_class()(**options)
        hub.start()
        started.append(hub)
        return hub

    yield make
    for hub in started:
        hub.stop()
