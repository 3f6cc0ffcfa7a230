"""The log switch in-process: ``_logs.setup_logging`` reads ``HUBSPOT_ASSOCIATIONS_LOG`` once.
(tests/test_surface.py runs it in subprocesses, with real requests and the token kept out.)"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator

import pytest
from hubspot_associations import _logs


@pytest.fixture
def fresh_logger() -> Iterator[logging.Logger]:
    logger = logging.getLogger("hubspot_associations")
    handlers, level = list(logger.handlers), logger.level
    _logs._configured = False
    yield logger
    logger.handlers[:] = handlers
    logger.setLevel(level)
    _logs._configured = True


@pytest.mark.parametrize("value", ["debug", "INFO", " warning "])
def test_log_switch_adds_one_stderr_handler_at_that_level(
    value: str, fresh_logger: logging.Logger, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(_logs.ENV, value)
    before = len(fresh_logger.handlers)
    _logs.setup_logging()
    _logs.setup_logging()  # once only
    assert len(fresh_logger.handlers) == before + 1
    assert fresh_logger.level == getattr(logging, value.strip().upper())
    handler = fresh_logger.handlers[-1]
    assert isinstance(handler, logging.StreamHandler) and handler.stream is sys.stderr


def test_log_switch_unset_configures_nothing(
    fresh_logger: logging.Logger, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(_logs.ENV, raising=False)
    before = list(fresh_logger.handlers)
    _logs.setup_logging()
    assert fresh_logger.handlers == before


def test_log_switch_unknown_value_warns_and_configures_nothing(
    fresh_logger: logging.Logger, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(_logs.ENV, "loud")
    before = list(fresh_logger.handlers)
    with pytest.warns(RuntimeWarning, match="HUBSPOT_ASSOCIATIONS_LOG='loud' ignored"):
        _logs.setup_logging()
    assert fresh_logger.handlers == before
