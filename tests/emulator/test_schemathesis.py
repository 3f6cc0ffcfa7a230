"""schemathesis against the running emulator, for every spec document of every version.

Every operation of spec/<version>/{associations,schema}.json (eight documents for four
versions) gets a bounded number of generated requests (valid ones, and ones the spec
forbids); the checks
fail on any 5xx, on a response the spec does not allow (status, content type, headers, schema),
and on a forbidden body the emulator accepts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hubspot_associations.testing import Emulator
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.config._auth import AuthConfig
from schemathesis.specs.openapi import checks as oa_checks

SPEC = Path(__file__).resolve().parents[2] / "spec"
MAX_EXAMPLES = 15  # per operation; 8 documents, so the run stays near 2 minutes
EXAMPLES: Counter[str] = Counter()
TOKEN = "schemathesis-token"

TYPES = ["contacts", "companies", "0-1", "0-2", "deals", "tickets", "2-77"]
# Checks whose idea of "valid" is not HubSpot's: a schema-valid request naming an unknown
# object type or a label that does not exist is rightly refused with a 4xx.
EXCLUDED = [oa_checks.positive_data_acceptance]


def _realistic(params: dict[str, Any] | None) -> st.SearchStrategy[dict[str, Any] | None]:
    """Mostly real object types and digit ids in paths, so the handlers do real work."""
    if not params:
        return st.just(params)
    keys = {k: st.sampled_from(TYPES) for k in params if k.lower().endswith("objecttype")}
    keys |= {k: st.integers(1, 40).map(str) for k in params if k.lower().endswith("objectid")}
    keys |= {k: st.integers(1, 1200) for k in params if k == "associationTypeId"}
    if not keys:
        return st.just(params)
    realistic = st.fixed_dictionaries(keys).map(lambda v: {**params, **v})
    return st.one_of(realistic, realistic, realistic, st.just(params))


def _load(version: str, doc: str) -> Any:
    schema = schemathesis.openapi.from_path(SPEC / version / f"{doc}.json")
    schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
    # As the spec's bearer scheme, so the auth checks know which header is the credential.
    schema.config.auth = AuthConfig(openapi={"bearer": {"bearer": TOKEN}})

    @schema.hook
    def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any]) -> Any:
        return _realistic(path_parameters)

    return schema


@pytest.fixture(scope="module")
def strict_hub() -> Iterator[Emulator]:
    """Accepts only the configured token, as HubSpot does (the auth checks send bad ones)."""
    with Emulator(access_tokens=[TOKEN]) as hub:
        yield hub


SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def _run(case: Any, hub: Emulator, label: str) -> None:
    EXAMPLES[label] += 1
    case.call_and_validate(base_url=hub.url, excluded_checks=EXCLUDED, timeout=10)


def _make_test(version: str, doc: str) -> Any:
    label = f"{version}/{doc}"
    schema = _load(version, doc)

    @pytest.mark.no_contract
    @schema.parametrize()
    @SETTINGS
    def test(case: Any, strict_hub: Emulator) -> None:
        _run(case, strict_hub, label)

    test.__name__ = f"test_{version.replace('-', '_')}_{doc}"
    return test


# One test per spec document: every version folder of spec/, both documents.
DOCUMENTS = [
    (folder.name, doc.stem)
    for folder in sorted(SPEC.iterdir())
    if folder.is_dir()
    for doc in sorted(folder.glob("*.json"))
]
for _version, _doc in DOCUMENTS:
    _test = _make_test(_version, _doc)
    globals()[_test.__name__] = _test


def test_every_document_is_exercised() -> None:
    assert len(DOCUMENTS) == 2 * len([p for p in SPEC.iterdir() if p.is_dir()])
