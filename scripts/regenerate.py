"""Regenerate generated/hubspot_associations_raw from spec/ (run it as scripts/regenerate).

For every version folder in spec/ (v4, 2026-03, ...):
  1. each document (*.json, *.yaml) is normalized (scripts/normalize.py) with its file stem
     as tag, and the documents of the version are merged into one;
  2. openapi-python-client writes the raw client package (attrs models + httpx endpoints)
     into <out>/<module>, where module is v4, v2026_03, ...;
  3. datamodel-code-generator writes pydantic v2 models to <module>/pydantic_models.py;
  4. <module>/facts.py: the version's table, one entry per operation (method, path template,
     path and query parameters, success statuses with their schemas, request schema, batch
     cap). The wrapper builds its requests from it, the emulator its routes and answers, the
     tests their parameters: it is the one place that says what differs between versions;
  5. every file gets a DO-NOT-EDIT header naming the pipeline that writes it (scripts/build-spec
     or scripts/fetch-spec, then this script) and ruff formats the lot.
Then <out>/__init__.py lists the versions, so the wrapper learns what exists from here.

Everything is written to a temporary folder first and swapped in at the end, so a failure
leaves the committed output untouched. Deterministic: two runs give identical files.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from normalize import merge, normalize  # noqa: E402

PACKAGE = "hubspot_associations_raw"
CONFIG = ROOT / "scripts" / "openapi-python-client.yaml"
VERSION_FOLDER = re.compile(r"^(v\d+|\d{4}-\d{2})$")
# Every generated file's first line: the pipeline that writes it, from the file it starts at.
HEADER = "# DO NOT EDIT: {source} -> spec/{version}/ -> scripts/regenerate -> here.\n"


def header(spec_dir: Path, version: str) -> str:
    """``HEADER`` for a version: its documents come from scripts/build-spec (a folder with
    notes, build.toml) or from HubSpot (scripts/fetch-spec)."""
    if (spec_dir / version / "build.toml").exists():
        source = f"spec/{version}/build.toml -> scripts/build-spec"
    else:
        source = "scripts/fetch-spec"
    return HEADER.format(source=source, version=version)


def module_name(version: str) -> str:
    """v4 -> v4, 2026-03 -> v2026_03 (a Python identifier for the version's subpackage)."""
    return version if version.startswith("v") else "v" + version.replace("-", "_")


def load(path: Path) -> dict[str, Any]:
    if path.suffix == ".json":
        return json.loads(path.read_text())
    import yaml  # only needed for YAML drops

    return yaml.safe_load(path.read_text())


def versions(spec_dir: Path) -> list[str]:
    found = sorted(
        p.name for p in spec_dir.iterdir() if p.is_dir() and VERSION_FOLDER.match(p.name)
    )
    if not found:
        raise SystemExit(f"no version folders (v4, 2026-03, ...) in {spec_dir}")
    return found


def merged_document(spec_dir: Path, version: str) -> dict[str, Any]:
    files = sorted(
        p for p in (spec_dir / version).iterdir() if p.suffix in (".json", ".yaml", ".yml")
    )
    if not files:
        raise SystemExit(f"spec/{version}/ holds no OpenAPI documents")
    docs = [normalize(load(p), p.stem.replace("-", "_")) for p in files]
    return merge(docs, f"HubSpot CRM Associations {version}")


def snake(name: str) -> str:
    """fromObjectType -> from_object_type (openapi-python-client's argument names)."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def _schema_name(doc: dict[str, Any], schema: dict[str, Any] | None) -> str | None:
    if not schema:
        return None
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[1]
    if schema.get("type") == "array" and "$ref" in schema.get("items", {}):
        return "list:" + str(schema["items"]["$ref"]).rsplit("/", 1)[1]
    return "object"


def _max_inputs(doc: dict[str, Any], request: str | None) -> int | None:
    if request is None or request.startswith("list:") or request == "object":
        return None
    inputs = doc["components"]["schemas"][request].get("properties", {}).get("inputs", {})
    cap = inputs.get("maxItems")
    return int(cap) if cap is not None else None


def facts_table(version: str, document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Operation name -> what a client or a server needs to know about it, in this version."""
    table: dict[str, dict[str, Any]] = {}
    for path, item in sorted(document["paths"].items()):
        for method, op in item.items():
            if method not in ("get", "put", "post", "delete", "patch"):
                continue
            params = op.get("parameters", [])
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            request = _schema_name(document, body.get("schema"))
            success = {
                int(status): _schema_name(
                    document, response.get("content", {}).get("application/json", {}).get("schema")
                )
                for status, response in sorted(op["responses"].items())
                if status.isdigit() and 200 <= int(status) < 300
            }
            table[op["operationId"]] = {
                "method": method.upper(),
                "path": path,
                "document": op["tags"][0],
                "path_params": {p["name"]: snake(p["name"]) for p in params if p["in"] == "path"},
                "query_params": {p["name"]: snake(p["name"]) for p in params if p["in"] == "query"},
                "success": success,
                "request": request,
                "max_inputs": _max_inputs(document, request),
            }
    return dict(sorted(table.items()))


FACTS_DOC = '''"""What spec/{version}/ says about each operation of API version {version}.

OPERATIONS maps the operation's short name (the same in every version) to:
  method, path (template with {{camelCase}} parameters), document (the spec file's stem),
  path_params / query_params (wire name -> Python argument name), success (2xx status ->
  response schema, None for no body), request (body schema, "list:X" for an array of X,
  None for no body) and max_inputs (the batch cap the spec declares, or None).
"""

from typing import Any

VERSION = {version!r}

OPERATIONS: dict[str, dict[str, Any]] = {table!r}
'''


def run(cmd: list[str], cwd: Path) -> None:
    bin_dir = str(Path(sys.executable).parent)
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:2])} failed:\n{result.stdout}\n{result.stderr}")


def generate_version(spec_dir: Path, version: str, work: Path, out: Path) -> None:
    module = module_name(version)
    document = work / f"{module}.json"
    merged = merged_document(spec_dir, version)
    document.write_text(json.dumps(merged, indent=2))
    config = work / f"{module}.yaml"
    config.write_text(f"package_name_override: {module}\n" + CONFIG.read_text())
    tool = Path(sys.executable).parent
    run(
        [
            str(tool / "openapi-python-client"),
            "generate",
            "--path",
            document.name,
            "--config",
            config.name,
            "--meta",
            "none",
            "--output-path",
            str(out / module),
            "--fail-on-warning",
        ],
        cwd=work,
    )
    run(
        [
            str(tool / "datamodel-codegen"),
            "--input",
            document.name,
            "--input-file-type",
            "openapi",
            "--output",
            str(out / module / "pydantic_models.py"),
            "--output-model-type",
            "pydantic_v2.BaseModel",
            "--target-python-version",
            "3.10",
            "--use-standard-collections",
            "--use-union-operator",
            "--field-constraints",
            "--use-schema-description",
            "--disable-timestamp",
            "--no-formatters",
            "--custom-file-header",
            '"""Pydantic models of the spec, used by the emulator to validate requests."""',
        ],
        cwd=work,
    )
    (out / module / "facts.py").write_text(
        FACTS_DOC.format(version=version, table=facts_table(version, merged))
    )
    for path in sorted((out / module).rglob("*.py")):
        path.write_text(header(spec_dir, version) + path.read_text())


def root_init(found: list[str]) -> str:
    mapping = "".join(f'    "{v}": "{module_name(v)}",\n' for v in found)
    names = ", ".join(f'"{v}"' for v in found)
    return (
        HEADER.format(source="scripts/build-spec or scripts/fetch-spec", version="*")
        + '"""Raw clients generated from spec/, one subpackage per API version."""\n\n'
        + "from typing import Literal, TypeAlias\n\n"
        + "# API version (as HubSpot names it) -> subpackage of this package.\n"
        + f"VERSIONS: dict[str, str] = {{\n{mapping}}}\n\n"
        + "# The same versions as a type (hubspot_associations.ApiVersionName).\n"
        + f"ApiVersionName: TypeAlias = Literal[{names}]\n"
    )


def regenerate(spec_dir: Path, target: Path) -> list[str]:
    found = versions(spec_dir)
    with tempfile.TemporaryDirectory(prefix="hsa-regen-") as tmp:
        work = Path(tmp) / "work"
        out = Path(tmp) / PACKAGE
        work.mkdir()
        out.mkdir()
        for version in found:
            generate_version(spec_dir, version, work, out)
        (out / "__init__.py").write_text(root_init(found))
        (out / "py.typed").write_text("")
        run(
            [
                str(Path(sys.executable).parent / "ruff"),
                "format",
                "--isolated",
                "--quiet",
                "--no-cache",
                ".",
            ],
            cwd=out,
        )
        for cache in out.rglob(".ruff_cache"):
            shutil.rmtree(cache)
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(out, target)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--spec", type=Path, default=ROOT / "spec", help="folder of version folders"
    )
    parser.add_argument(
        "--out", type=Path, default=ROOT / "generated", help="folder to write the package into"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    found = regenerate(args.spec, args.out / PACKAGE)
    print(
        f"regenerated {', '.join(found)} into {args.out / PACKAGE}"
        f" in {time.perf_counter() - started:.1f}s"
    )


if __name__ == "__main__":
    main()
