"""Import cost: `import` plus building a client, as whole processes, against the peers.

Run it as ``scripts/benchmark --import [--repeat N]``, which sets up .venv-import: this
project installed without extras (what `pip install hubspot-associations` gives a user) next
to hubspot-api-client and hubspot-sdk. Each sample is a fresh ``python -c`` process, timed
from spawn to exit; the snippets take turns so a load change on the machine hits them all.
Prints the median of each and the ratios against the peers measured in the same run; a bare
``python -c pass`` is printed too, so the interpreter's own start-up can be told apart.
``--python`` measures another interpreter's environment instead (e.g. .venv-bench/bin/python,
where the emulator extra's click and rich make every httpx import slower: httpx loads its
command line when they are installed). Measures and prints only: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import time

OURS = "hubspot-associations"
API_CLIENT = "hubspot-api-client"
SDK = "hubspot-sdk"

SNIPPETS: dict[str, str] = {
    "python (bare interpreter)": "pass",
    "hubspot-associations (import only)": "import hubspot_associations",
    OURS: "import hubspot_associations; hubspot_associations.Client(access_token='x')",
    "hubspot-associations AsyncClient": (
        "import hubspot_associations; hubspot_associations.AsyncClient(access_token='x')"
    ),
    # The floor of any client built on httpx: its import and one httpx.Client (which builds
    # an SSL context and imports httpcore).
    "httpx alone (import + httpx.Client())": "import httpx; httpx.Client()",
    API_CLIENT: "import hubspot; hubspot.Client.create(access_token='x')",
    SDK: "from hubspot_sdk import HubSpot; HubSpot(access_token='x')",
}


def sample(python: str, code: str) -> float:
    started = time.perf_counter()
    subprocess.run([python, "-c", code], check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=40, help="processes per snippet")
    parser.add_argument("--python", default=sys.executable, help="interpreter to measure")
    args = parser.parse_args()

    probe = (
        "import importlib.util as u; "
        "print(','.join(m for m in ('click', 'rich') if u.find_spec(m)))"
    )
    extras = subprocess.run(
        [args.python, "-c", probe], check=True, capture_output=True, text=True
    ).stdout.strip()
    print(f"interpreter: {args.python}")
    print(f"click/rich installed (httpx then imports its CLI): {extras or 'no'}")
    snippets = dict(SNIPPETS)
    if importlib.util.find_spec("hubspot") is None and args.python == sys.executable:
        sys.exit("the peers are not installed: run scripts/benchmark --import")

    for code in snippets.values():  # warm the file system cache and .pyc files
        sample(args.python, code)
    times: dict[str, list[float]] = {name: [] for name in snippets}
    for _ in range(args.repeat):
        for name, code in snippets.items():
            times[name].append(sample(args.python, code))

    median = {name: statistics.median(values) * 1000 for name, values in times.items()}
    bare = median["python (bare interpreter)"]
    print(f"\nmedian of {args.repeat} fresh processes each (ms); net = minus the bare interpreter")
    print(f"{'':38} {'median':>8} {'net':>8} {'/api-client':>12} {'/sdk':>8}")
    for name, ms in median.items():
        ratio_api = ms / median[API_CLIENT]
        ratio_sdk = ms / median[SDK]
        print(f"{name:38} {ms:8.1f} {ms - bare:8.1f} {ratio_api:11.2f}x {ratio_sdk:7.2f}x")
    ours, api = median[OURS], median[API_CLIENT]
    print(
        f"\nimport + Client(): {ours / api:.2f}x hubspot-api-client's whole process "
        f"({(ours - bare) / (api - bare):.2f}x net of interpreter start-up), "
        f"{ours / median[SDK]:.2f}x hubspot-sdk's"
    )


if __name__ == "__main__":
    main()
