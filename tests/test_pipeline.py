"""The spec -> normalizer -> generators pipeline: validity, drift, coverage, new-version drops."""

from __future__ import annotations

import copy
import filecmp
import importlib
import inspect
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import build_spec  # noqa: E402
from normalize import merge, normalize, operation_name  # noqa: E402
from regenerate import module_name  # noqa: E402

PUBLISHED = ROOT / "tests" / "fixtures" / "published-2026-09"
VERSIONS = ["v4", "2026-03"]
DOCS = ["associations", "schema"]
ASSOCIATIONS_OPS = {
    "batch_read",
    "batch_create",
    "batch_associate_default",
    "batch_archive",
    "batch_archive_labels",
    "list",
    "create",
    "create_default",
    "archive",
    "high_usage_report",
}
SCHEMA_OPS = {
    "labels_list",
    "labels_create",
    "labels_update",
    "labels_archive",
    "limits_list_all",
    "limits_list",
    "limits_batch_create",
    "limits_batch_update",
    "limits_batch_purge",
}
HTTP = ("get", "put", "post", "delete", "patch")


def spec(version: str, name: str) -> dict[str, Any]:
    return json.loads((ROOT / "spec" / version / f"{name}.json").read_text())


def operations(doc: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    return {
        op["operationId"]: (method, path, op)
        for path, item in doc["paths"].items()
        for method, op in item.items()
        if method in HTTP
    }


def compare_trees(left: Path, right: Path) -> list[str]:
    """Relative paths that differ between two folders (missing on either side included)."""
    cmp = filecmp.dircmp(left, right, ignore=["__pycache__"])
    found = [f"only in {left.name}: {n}" for n in cmp.left_only]
    found += [f"only in {right.name}: {n}" for n in cmp.right_only]
    for name in cmp.common_files:
        if (left / name).read_bytes() != (right / name).read_bytes():
            found.append(f"differs: {name}")
    for sub in cmp.common_dirs:
        found += [f"{sub}/{d}" for d in compare_trees(left / sub, right / sub)]
    return found


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", DOCS)
def test_spec_documents_are_valid_openapi(version: str, name: str) -> None:
    validate(spec(version, name))


@pytest.mark.parametrize("version", VERSIONS)
def test_committed_spec_is_what_build_spec_writes(version: str) -> None:
    for name, doc in build_spec.build(version).items():
        assert json.loads(json.dumps(doc)) == spec(version, name), (
            f"spec/{version}/{name}.json differs from scripts/build_spec.py: run it"
        )


@pytest.mark.parametrize("version", VERSIONS)
def test_operation_sets_per_version(version: str) -> None:
    assoc = set(operations(spec(version, "associations")))
    schema = set(operations(spec(version, "schema")))
    expected = ASSOCIATIONS_OPS | ({"search"} if version == "2026-03" else set())
    assert assoc == expected
    assert schema == SCHEMA_OPS
    assert len(assoc) + len(schema) == (19 if version == "v4" else 20)


def test_archive_statuses_differ_between_versions() -> None:
    for name, op_name in [
        ("associations", "batch_archive"),
        ("associations", "batch_archive_labels"),
        ("schema", "limits_batch_purge"),
    ]:
        v4 = operations(spec("v4", name))[op_name][2]["responses"]
        new = operations(spec("2026-03", name))[op_name][2]["responses"]
        assert set(v4) == {"204", "default"}
        assert set(new) == {"200", "default"}
        assert new["200"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/BatchResponse"
        }


@pytest.mark.parametrize("version", VERSIONS)
def test_wire_fixes_are_in_the_spec(version: str) -> None:
    schemas = spec(version, "associations")["components"]["schemas"]
    assert schemas["AssociationSpecWithLabel"]["properties"]["label"]["nullable"] is True
    sub = schemas["StandardError"]["properties"]["subCategory"]
    assert {"type": "string"} in sub["oneOf"]


def test_batch_caps_are_declared() -> None:
    schemas = spec("2026-03", "associations")["components"]["schemas"]
    read = schemas["BatchInputPublicFetchAssociationsBatchRequest"]
    create = schemas["BatchInputPublicAssociationMultiPost"]
    assert read["properties"]["inputs"]["maxItems"] == 1000
    assert create["properties"]["inputs"]["maxItems"] == 2000


# ------------------------------------------------------------------------------ normalizer


@pytest.mark.parametrize(
    ("method", "path", "name"),
    [
        ("post", "/crm/v4/associations/{a}/{b}/batch/read", "batch_read"),
        ("post", "/crm/associations/2026-09/{a}/{b}/batch/labels/archive", "batch_archive_labels"),
        ("post", "/crm/v4/associations/{a}/{b}/batch/associate/default", "batch_associate_default"),
        ("put", "/crm/objects/2026-09/{a}/{i}/associations/default/{b}/{j}", "create_default"),
        ("get", "/crm/v4/objects/{a}/{i}/associations/{b}", "list"),
        ("put", "/crm/v4/objects/{a}/{i}/associations/{b}/{j}", "create"),
        ("delete", "/crm/v4/objects/{a}/{i}/associations/{b}/{j}", "archive"),
        ("post", "/crm/objects/2026-09/{a}/search", "search"),
        ("post", "/crm/v4/associations/usage/high-usage-report/{u}", "high_usage_report"),
        ("get", "/crm/associations/v4/definitions/configurations/all", "limits_list_all"),
        ("get", "/crm/associations/v4/definitions/configurations/{a}/{b}", "limits_list"),
        (
            "post",
            "/crm/associations/v4/definitions/configurations/{a}/{b}/batch/purge",
            "limits_batch_purge",
        ),
        ("put", "/crm/associations/v4/{a}/{b}/labels", "labels_update"),
        ("post", "/crm/associations/v4/{a}/{b}/labels", "labels_create"),
        ("delete", "/crm/associations/v4/{a}/{b}/labels/{t}", "labels_archive"),
    ],
)
def test_operation_names_come_from_method_and_path(method: str, path: str, name: str) -> None:
    assert operation_name(method, path) == name


@pytest.mark.parametrize("name", DOCS)
def test_published_file_normalizes_to_our_document(name: str) -> None:
    published = json.loads((PUBLISHED / f"{name}.json").read_text())
    # The fixture really has the quirks.
    long_ids = [op["operationId"] for _, _, op in operations(published).values()]
    assert all(len(i) > 60 and i.startswith(("post-", "get-", "put-", "delete-")) for i in long_ids)
    assert "*/*" in published["components"]["responses"]["Error"]["content"]

    ours = json.loads(json.dumps(spec("2026-03", name)).replace("2026-03", "2026-09"))
    got = normalize(published, name)
    # Same short names, same shapes: only descriptions of the bearer scheme may differ.
    assert set(operations(got)) == set(operations(normalize(ours, name)))
    assert got == normalize(ours, name)


def test_normalizer_cleans_published_quirks() -> None:
    published = json.loads((PUBLISHED / "associations.json").read_text())
    got = normalize(published, "associations")
    text = json.dumps(got)
    assert '"x-' not in text
    assert "*/*" not in text
    for _method, _path, op in operations(got).values():
        assert "security" not in op
        assert op["tags"] == ["associations"]
        error = op["responses"]["default"]
        assert error["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"
        }
    props = got["components"]["schemas"]["StandardError"]["properties"]
    assert props["subCategory"] == {"oneOf": [{"type": "string"}, {"type": "object"}]}
    assert published["components"]["schemas"]["StandardError"]["properties"]["subCategory"] == {
        "type": "object"
    }, "normalize must not change its input"


def test_normalizer_refuses_two_operations_with_one_name() -> None:
    doc = spec("v4", "associations")
    item = doc["paths"]["/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read"]
    doc["paths"]["/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read/"] = item
    with pytest.raises(ValueError, match="batch_read"):
        normalize(doc, "associations")


def test_merge_refuses_conflicting_schemas() -> None:
    assoc = normalize(spec("v4", "associations"), "associations")
    schema = normalize(spec("v4", "schema"), "schema")
    broken = copy.deepcopy(schema)
    broken["components"]["schemas"]["Error"]["required"] = ["message"]
    assert merge([assoc, schema], "t")  # descriptions aside they agree
    with pytest.raises(ValueError, match="Error"):
        merge([assoc, broken], "t")


# ------------------------------------------------------------------------ generated output


def run_regenerate(spec_dir: Path, out: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "regenerate.py"),
            "--spec",
            str(spec_dir),
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )


def test_generated_matches_spec_and_scripts(tmp_path: Path) -> None:
    run_regenerate(ROOT / "spec", tmp_path)
    drift = compare_trees(
        tmp_path / "hubspot_associations_raw", ROOT / "generated" / "hubspot_associations_raw"
    )
    assert drift == [], "generated/ is stale or hand-edited; run scripts/regenerate"


def generated_function(version: str, tag: str, name: str) -> Any:
    base = f"hubspot_associations_raw.{module_name(version)}.api.{tag}"
    try:  # the generator appends _ to names that shadow builtins (list -> list_)
        return importlib.import_module(f"{base}.{name}")
    except ModuleNotFoundError:
        return importlib.import_module(f"{base}.{name}_")


@pytest.mark.parametrize("version", VERSIONS)
def test_every_operation_has_its_generated_function(version: str) -> None:
    import hubspot_associations_raw

    assert hubspot_associations_raw.VERSIONS[version] == module_name(version)
    for name in DOCS:
        for op_name, (_method, path, _op) in operations(spec(version, name)).items():
            module = generated_function(version, name, op_name)
            # _get_kwargs: the request builder the wrapper sends through (client.py, prepare)
            for fn in ("sync_detailed", "asyncio_detailed", "sync", "asyncio", "_get_kwargs"):
                assert callable(getattr(module, fn)), f"{op_name}.{fn}"
            assert path.split("{")[0] in inspect.getsource(module), f"{op_name} path"


def test_operation_names_are_shared_across_versions() -> None:
    names = {v: {n for d in DOCS for n in operations(spec(v, d))} for v in VERSIONS}
    assert names["2026-03"] - names["v4"] == {"search"}
    assert names["v4"] <= names["2026-03"]


@pytest.mark.parametrize("version", VERSIONS)
def test_pydantic_models_validate_requests(version: str) -> None:
    models = importlib.import_module(
        f"hubspot_associations_raw.{module_name(version)}.pydantic_models"
    )
    ok = models.BatchInputPublicDefaultAssociationMultiPost.model_validate(
        {"inputs": [{"from": {"id": "1"}, "to": {"id": "2"}}]}
    )
    assert ok.inputs[0].from_.id == "1"
    with pytest.raises(Exception, match="inputs"):
        models.BatchInputPublicDefaultAssociationMultiPost.model_validate({"input": []})
    with pytest.raises(Exception, match="2000"):
        models.BatchInputPublicDefaultAssociationMultiPost.model_validate(
            {"inputs": [{"from": {"id": "1"}, "to": {"id": "2"}}] * 2001}
        )


def test_a_new_version_is_a_spec_drop(tmp_path: Path) -> None:
    spec_dir = tmp_path / "spec"
    shutil.copytree(ROOT / "spec", spec_dir)
    shutil.copytree(PUBLISHED, spec_dir / "2026-09")
    out = tmp_path / "out"
    run_regenerate(spec_dir, out)
    package = out / "hubspot_associations_raw"
    assert (package / "v2026_09" / "models" / "error.py").exists()
    # Same operation modules as 2026-03, and the published file's paths.
    for tag in DOCS:
        new = sorted(p.name for p in (package / "v2026_09" / "api" / tag).glob("*.py"))
        old = sorted(p.name for p in (package / "v2026_03" / "api" / tag).glob("*.py"))
        assert new == old
    batch_read = (package / "v2026_09" / "api" / "associations" / "batch_read.py").read_text()
    assert "/crm/associations/2026-09/" in batch_read
    assert "Error.from_dict" in batch_read  # the */* error model survived
    check = (
        "import hubspot_associations_raw as r\n"
        "from hubspot_associations_raw.v2026_09.api.associations import batch_read, search\n"
        "print(sorted(r.VERSIONS))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", check],
        env={"PYTHONPATH": str(out), "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "['2026-03', '2026-09', 'v4']"
