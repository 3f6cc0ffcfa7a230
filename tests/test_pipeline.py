"""The spec -> normalizer -> generators pipeline: validity, drift, coverage, new-version drops."""

from __future__ import annotations

import copy
import filecmp
import functools
import http.server
import importlib
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import build_spec  # noqa: E402
import fetch_spec  # noqa: E402
from normalize import merge, normalize, operation_name  # noqa: E402
from regenerate import module_name  # noqa: E402

PUBLISHED = ROOT / "tests" / "fixtures" / "published-2026-09"
# Every version folder of spec/, and the ones scripts/build_spec.py writes from build.toml.
VERSIONS = sorted(p.name for p in (ROOT / "spec").iterdir() if (p / "associations.json").exists())
BUILT = sorted(build_spec.VERSIONS)
# From the facts sheets: how many operations each version has (11 + 9 with list and search).
BUILT_DATES = sorted(v for v in VERSIONS if not v.startswith("v"))
OPERATION_COUNTS = {"v4": 19, "2025-09": 20, "2026-03": 20, "2026-09": 18}
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


def test_every_version_of_the_facts_sheets_is_in_spec() -> None:
    assert sorted(OPERATION_COUNTS) == VERSIONS == BUILT


@pytest.mark.parametrize("version", BUILT)
def test_committed_spec_is_what_build_spec_writes(version: str) -> None:
    for name, doc in build_spec.build(version).items():
        assert json.loads(json.dumps(doc)) == spec(version, name), (
            f"spec/{version}/{name}.json differs from scripts/build_spec.py: run it"
        )


def notes(version: str, section: str) -> dict[str, Any]:
    return dict(build_spec.VERSIONS[version][section])


@pytest.mark.parametrize("version", BUILT)
def test_operation_sets_per_version(version: str) -> None:
    assoc = set(operations(spec(version, "associations")))
    schema = set(operations(spec(version, "schema")))
    has = notes(version, "operations")
    expected = ASSOCIATIONS_OPS - ({"list"} if not has["list"] else set())
    assert assoc == expected | ({"search"} if has["search"] else set())
    assert schema == SCHEMA_OPS
    assert len(assoc) + len(schema) == OPERATION_COUNTS[version]


def statuses(version: str, name: str, op_name: str) -> dict[str, Any]:
    responses = operations(spec(version, name))[op_name][2]["responses"]
    return {
        code: r.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref", "")
        for code, r in responses.items()
        if code != "default"
    }


@pytest.mark.parametrize("version", BUILT)
def test_success_statuses_per_version(version: str) -> None:
    said = notes(version, "statuses")
    ref = "#/components/schemas/"
    for name, op_name, which in [
        ("associations", "batch_archive", "archive"),
        ("associations", "batch_archive_labels", "archive"),
        ("schema", "limits_batch_purge", "purge"),
    ]:
        got = statuses(version, name, op_name)
        assert got == ({"204": ""} if said[which] == "none" else {"200": ref + said[which]})
    multi = said["multi_status"]
    create = statuses(version, "associations", "batch_create")
    read = statuses(version, "associations", "batch_read")
    limits = statuses(version, "schema", "limits_batch_create")
    update = statuses(version, "schema", "limits_batch_update")
    assert set(create) == ({"201", "207"} if multi else {"200"})
    assert set(read) == ({"200", "207"} if multi else {"200"})
    assert set(limits) == ({"201", "207"} if said["limits_multi_status"] else {"200"})
    assert set(update) == ({"200", "207"} if said["limits_multi_status"] else {"200"})
    schemas = {
        **spec(version, "associations")["components"]["schemas"],
        **spec(version, "schema")["components"]["schemas"],
    }
    # Without a 207, per-item errors ride in the 200/201 body.
    for answers in (create, read, limits, update):
        if "207" not in answers:
            (target,) = answers.values()
            assert "errors" in schemas[target.removeprefix(ref)]["properties"]


@pytest.mark.parametrize("version", BUILT)
def test_label_definitions_carry_object_type_ids_where_noted(version: str) -> None:
    with_ids = build_spec.VERSIONS[version]["schemas"]["label_type_ids"]
    for name in DOCS:
        props = spec(version, name)["components"]["schemas"]["AssociationSpecWithLabel"]
        assert ("fromObjectTypeId" in props["properties"]) == (name in with_ids)


@pytest.mark.parametrize("version", VERSIONS)
def test_wire_fixes_are_in_the_spec(version: str) -> None:
    schemas = spec(version, "associations")["components"]["schemas"]
    assert schemas["AssociationSpecWithLabel"]["properties"]["label"]["nullable"] is True
    sub = schemas["StandardError"]["properties"]["subCategory"]
    assert {"type": "string"} in sub["oneOf"]


def test_batch_caps_are_declared() -> None:
    schemas = spec(VERSIONS[-1], "associations")["components"]["schemas"]
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

    ours = spec("2026-09", name)
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


def test_merge_renames_schemas_that_differ_between_documents() -> None:
    assoc = normalize(spec("v4", "associations"), "associations")
    schema = normalize(spec("v4", "schema"), "schema")
    merged = merge([assoc, schema], "t")  # descriptions aside they agree: kept once
    assert "SchemaError" not in merged["components"]["schemas"]
    broken = copy.deepcopy(schema)
    broken["components"]["schemas"]["Error"]["required"] = ["message"]
    merged = merge([assoc, broken], "t")
    schemas = merged["components"]["schemas"]
    assert schemas["SchemaError"]["required"] == ["message"]
    assert schemas["Error"]["required"] == ["category", "correlationId", "message"]
    labels = merged["paths"]["/crm/associations/v4/{fromObjectType}/{toObjectType}/labels"]
    error = labels["get"]["responses"]["default"]["content"]["application/json"]["schema"]
    assert error == {"$ref": "#/components/schemas/SchemaError"}
    batch = merged["paths"]["/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read"]
    error = batch["post"]["responses"]["default"]["content"]["application/json"]["schema"]
    assert error == {"$ref": "#/components/schemas/Error"}


def test_2025_09_label_definitions_keep_their_shape_per_document() -> None:
    """2025-09's schema API drops the object type ids its associations API keeps."""
    import hubspot_associations_raw.v2025_09.pydantic_models as models

    assert "fromObjectTypeId" in models.AssociationSpecWithLabel.model_fields
    assert "fromObjectTypeId" not in models.SchemaAssociationSpecWithLabel.model_fields


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


@pytest.mark.slow
def test_generated_matches_spec_and_scripts(tmp_path: Path) -> None:
    run_regenerate(ROOT / "spec", tmp_path)
    drift = compare_trees(
        tmp_path / "hubspot_associations_raw", ROOT / "generated" / "hubspot_associations_raw"
    )
    assert drift == [], "generated/ is stale or hand-edited; run scripts/regenerate"


@pytest.mark.parametrize("version", VERSIONS)
def test_every_generated_file_names_the_pipeline_that_writes_it(version: str) -> None:
    """The first line of each generated file: its version's first stage (scripts/build-spec
    from build.toml, or scripts/fetch-spec), then scripts/regenerate."""
    first = "scripts/build-spec" if version in BUILT else "scripts/fetch-spec"
    files = sorted(
        (ROOT / "generated" / "hubspot_associations_raw" / module_name(version)).rglob("*.py")
    )
    assert len(files) > 20
    for path in files:
        line = path.read_text().split("\n", 1)[0]
        assert line.startswith("# DO NOT EDIT: ") and first in line, (path, line)
        assert line.endswith(f"spec/{version}/ -> scripts/regenerate -> here."), (path, line)


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
    every = set.union(*names.values())
    assert every == ASSOCIATIONS_OPS | SCHEMA_OPS | {"search"}
    for version, found in names.items():
        assert every - found <= {"list", "search"}, version


@pytest.mark.parametrize("version", VERSIONS)
def test_facts_table_says_what_the_spec_says(version: str) -> None:
    """The generated table: every operation's method, path, parameters, statuses, body."""
    table = importlib.import_module(f"hubspot_associations_raw.{module_name(version)}.facts")
    assert version == table.VERSION
    documents = {d: normalize(spec(version, d), d) for d in DOCS}
    expected = {}
    for doc_name, doc in documents.items():
        for name, (method, path, op) in operations(doc).items():
            params = op.get("parameters", [])
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            schema = body.get("schema", {})
            request = schema.get("$ref", "").rsplit("/", 1)[-1] or None
            if schema.get("type") == "array":
                request = "list:" + schema["items"]["$ref"].rsplit("/", 1)[-1]
            expected[name] = (
                method.upper(),
                path,
                doc_name,
                [p["name"] for p in params if p["in"] == "path"],
                [p["name"] for p in params if p["in"] == "query"],
                sorted(int(c) for c in op["responses"] if c != "default"),
                request,
            )
    got = {
        name: (
            e["method"],
            e["path"],
            e["document"],
            list(e["path_params"]),
            list(e["query_params"]),
            sorted(e["success"]),
            e["request"].removeprefix("Schema") if e["request"] else None,
        )
        for name, e in table.OPERATIONS.items()
    }
    assert got == expected
    caps = {n: e["max_inputs"] for n, e in table.OPERATIONS.items() if e["max_inputs"]}
    assert caps == {
        "batch_read": 1000,
        "batch_create": 2000,
        "batch_associate_default": 2000,
        "batch_archive": 2000,
        "batch_archive_labels": 2000,
    }


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


# ----------------------------------------------------------------- fetch-spec and the bump


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def published_site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A stand-in for HubSpot's spec repository on 127.0.0.1: (base URL, its folder)."""
    root = tmp_path / "site"
    root.mkdir()
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()


def publish(root: Path, version: str) -> None:
    """Lay the fixture out as HubSpot's repository does, renamed to `version`."""
    for ours, (api, file) in fetch_spec.DOCUMENTS.items():
        text = (PUBLISHED / ours).read_text().replace("2026-09", version)
        target = root / fetch_spec.PUBLISHED.format(
            api=api, rollout=fetch_spec.ROLLOUT, version=version, file=file
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)


def run_fetch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "fetch_spec.py"), *args],
        capture_output=True,
        text=True,
    )


def test_fetch_spec_downloads_the_published_documents(
    published_site: tuple[str, Path], tmp_path: Path
) -> None:
    url, root = published_site
    publish(root, "2026-09")
    spec_dir = tmp_path / "spec"
    done = run_fetch("2026-09", "--base-url", url, "--spec", str(spec_dir))
    assert done.returncode == 0, done.stderr
    for name in ("associations", "schema"):
        got = json.loads((spec_dir / "2026-09" / f"{name}.json").read_text())
        assert got == json.loads((PUBLISHED / f"{name}.json").read_text())
    assert sorted(p.name for p in (spec_dir / "2026-09").iterdir()) == [
        "associations.json",
        "schema.json",
    ]
    missing = run_fetch("2031-03", "--base-url", url, "--spec", str(spec_dir))
    assert missing.returncode != 0 and "HTTP 404" in missing.stderr
    assert not (spec_dir / "2031-03").exists()  # nothing half-written
    ours = run_fetch("v4", "--base-url", url, "--spec", str(ROOT / "spec"))
    assert ours.returncode != 0 and "build.toml" in ours.stderr
    bad = run_fetch("latest", "--base-url", url, "--spec", str(spec_dir))
    assert bad.returncode != 0 and "not an API version" in bad.stderr


BUMP_CHECK = """
import json
import sys
from pathlib import Path
import httpx
from tests.contract import ContractChecker
from hubspot_associations import Client, supported_versions, latest_version
from hubspot_associations.testing import Emulator

checker = ContractChecker(Path(sys.argv[1]))
send = httpx.Client.send

def checked(self, request, **kw):
    response = send(self, request, **kw)
    if kw.get("stream"):  # the client reads bodies through its size bound
        response.read()
    checker.check(request, response)
    return response

httpx.Client.send = checked
with Emulator() as hub:
    client = Client("t", version="2027-03", base_url=hub.url)
    made = client.batch.create("contacts", "companies", [(1, 10, [("HUBSPOT_DEFINED", 1)])])
    listed = [a.to_id for a in client.records.list("contacts", 1, "companies")]
    labels = client.labels.list("contacts", "companies")
    archived = client.batch.archive("contacts", "companies", [(1, 10)])
    print(json.dumps({
        "versions": supported_versions(), "default": latest_version(), "created": made.ok,
        "listed": listed, "labels": len(labels), "archived": archived.ok,
        "served": sorted({r.version for r in hub.requests}),
        "checked": dict(checker.counts), "violations": checker.violations,
    }))
"""


@pytest.mark.slow
def test_a_version_bump_is_fetch_spec_and_regenerate(
    published_site: tuple[str, Path], tmp_path: Path
) -> None:
    """`scripts/fetch-spec 2027-03 && scripts/regenerate` in a copy of the tree: the wrapper,
    the emulator and the contract checks serve the new version with no other edit."""
    url, root = published_site
    publish(root, "2027-03")
    spec_dir = tmp_path / "spec"
    shutil.copytree(ROOT / "spec", spec_dir)
    done = run_fetch("2027-03", "--base-url", url, "--spec", str(spec_dir))
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out"
    run_regenerate(spec_dir, out)
    facts = (out / "hubspot_associations_raw" / "v2027_03" / "facts.py").read_text()
    assert "/crm/associations/2027-03/{fromObjectType}/{toObjectType}/batch/read" in facts
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(out), str(ROOT), *sys.path]),
    }
    result = subprocess.run(
        [sys.executable, "-c", BUMP_CHECK, str(spec_dir)],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout)
    assert got["versions"] == [*(v for v in VERSIONS if v.startswith("v")), *BUILT_DATES, "2027-03"]
    assert got["default"] == "2027-03" and got["created"] and got["archived"]
    assert got["listed"] == ["10"] and got["labels"] > 0
    assert got["served"] == ["2027-03"]  # the emulator routed it as the new version
    assert got["checked"] == {"requests 2027-03": 4, "responses 2027-03": 4}
    assert got["violations"] == []


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """String literals of a module that are not docstrings (comments are not tokens)."""
    import ast

    tree = ast.parse(path.read_text())
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_the_sdk_names_no_version_and_no_path_prefix() -> None:
    """Versions, prefixes and per-version statuses come from the generated facts tables:
    no string in the SDK's code (docstrings aside) names a version or a /crm/ path."""
    names = re.compile(r"(^|[^0-9])(v\d+|\d{4}-\d{2})([^0-9]|$)|/crm/")
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in sorted((ROOT / "wrapper" / "hubspot_associations").rglob("*.py"))
        for line, text in _code_strings(path)
        if names.search(text)
    ]
    assert found == []
