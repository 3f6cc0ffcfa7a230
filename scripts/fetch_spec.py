"""Download HubSpot's published OpenAPI documents of one API version into spec/<version>/.

HubSpot publishes them in its public repository HubSpot/HubSpot-public-api-spec-collection:
the Associations API as `PublicApiSpecs/CRM/Associations/Rollouts/130902/<version>/
associations.json` and the Associations Schema API as `PublicApiSpecs/CRM/Associations
Schema/Rollouts/130902/<version>/associationsSchema.json`. They are saved, as published, as
spec/<version>/associations.json and spec/<version>/schema.json (the file names every version
folder uses; they name the generated `api/` folders). scripts/normalize.py turns their quirks
(long operationIds, `*/*` errors, scopes, extensions) into what the generators need, so the
bump is:

    scripts/fetch-spec 2027-03 && scripts/regenerate

A folder written by scripts/build_spec.py (it holds build.toml) is not overwritten.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
BASE_URL = "https://raw.githubusercontent.com/HubSpot/HubSpot-public-api-spec-collection/main"
ROLLOUT = "130902"
# Our file name -> where HubSpot publishes the document ({version} is filled in).
PUBLISHED = "PublicApiSpecs/CRM/{api}/Rollouts/{rollout}/{version}/{file}"
DOCUMENTS = {
    "associations.json": ("Associations", "associations.json"),
    "schema.json": ("Associations Schema", "associationsSchema.json"),
}
VERSION = re.compile(r"^(v\d+|\d{4}-\d{2})$")


def url_of(base_url: str, where: tuple[str, str], version: str, rollout: str = ROLLOUT) -> str:
    api, file = where
    path = PUBLISHED.format(api=api, rollout=rollout, version=version, file=file)
    return base_url.rstrip("/") + "/" + quote(path)


def download(url: str, timeout: float) -> dict[str, Any]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            raw = answer.read()
    except urllib.error.HTTPError as exc:
        raise SystemExit(f"{url}: HTTP {exc.code} (is the version published?)") from None
    except urllib.error.URLError as exc:
        raise SystemExit(f"{url}: {exc.reason}") from None
    try:
        document = json.loads(raw)
    except ValueError:
        raise SystemExit(f"{url}: not a JSON document") from None
    if not isinstance(document, dict) or "openapi" not in document or not document.get("paths"):
        raise SystemExit(f"{url}: not an OpenAPI document with paths")
    return document


def fetch(version: str, base_url: str, spec_dir: Path, timeout: float = 60.0) -> list[Path]:
    """Download both documents of `version`; write them only if both arrived intact."""
    if not VERSION.match(version):
        raise SystemExit(f"{version!r} is not an API version name (v4, 2026-09, ...)")
    if not base_url.startswith(("http://", "https://")):
        raise SystemExit("--base-url must be an http(s) URL")
    target = spec_dir / version
    if (target / "build.toml").exists():
        raise SystemExit(
            f"{target} is written by scripts/build_spec.py from build.toml; remove that folder"
            " first to use HubSpot's published documents instead"
        )
    documents = {
        name: download(url_of(base_url, where, version), timeout)
        for name, where in DOCUMENTS.items()
    }
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, document in documents.items():
        with tempfile.NamedTemporaryFile("w", dir=target, delete=False, suffix=".tmp") as tmp:
            tmp.write(json.dumps(document, indent=2) + "\n")
        Path(tmp.name).replace(target / name)
        written.append(target / name)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version", help="API version to fetch, e.g. 2027-03")
    parser.add_argument("--base-url", default=BASE_URL, help=f"default: {BASE_URL}")
    parser.add_argument("--spec", type=Path, default=ROOT / "spec", help="folder of versions")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per download")
    args = parser.parse_args()
    for path in fetch(args.version, args.base_url, args.spec, args.timeout):
        print(f"wrote {path}")
    print("next: scripts/regenerate")


if __name__ == "__main__":
    sys.exit(main())
