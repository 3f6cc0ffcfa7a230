"""The log switch: ``HUBSPOT_ASSOCIATIONS_LOG=debug|info|warning``.

When the variable is set, the ``hubspot_associations`` logger gets a handler writing to
stderr at that level (like openai-python's ``OPENAI_LOG``): ``debug`` shows one line per
request (method, URL, status, time), ``info`` adds nothing below the retries it announces,
``warning`` only what may need attention. Done once, when the package is imported; without
the variable nothing is configured and the SDK follows the application's logging set-up.
Headers are never logged, so the access token never appears.
"""

from __future__ import annotations

import os

ENV = "HUBSPOT_ASSOCIATIONS_LOG"
LEVELS = ("debug", "info", "warning")
FORMAT = "[%(asctime)s %(name)s %(levelname)s] %(message)s"

_configured = False


def setup_logging() -> None:
    """Configure the ``hubspot_associations`` logger from ``HUBSPOT_ASSOCIATIONS_LOG`` once."""
    global _configured
    if _configured:
        return
    _configured = True
    value = os.environ.get(ENV, "").strip().lower()
    if not value:
        return
    import logging  # only when asked for: the bare import stays light

    if value not in LEVELS:
        import warnings

        warnings.warn(
            f"{ENV}={value!r} ignored: use one of {', '.join(LEVELS)}",
            RuntimeWarning,
            stacklevel=2,
        )
        return
    logger = logging.getLogger("hubspot_associations")
    handler = logging.StreamHandler()  # stderr
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
    logger.setLevel(value.upper())
