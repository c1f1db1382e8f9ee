"""Behaviour identity across a refactoring: every export of two corpora, byte for byte, before and after.

    python bench/export_identity.py record build/identity-before   # on the old code
    python bench/export_identity.py check build/identity-before    # on the new code: exit 1 on any difference
                                                                   # (its outputs kept in outputs-checked.json)

Corpora: `../shared/seeds` and the first 500 Reuters-21578 articles (written to a JSONL file under the work
folder, so provenance paths are the same in both runs). Each is ingested into a fresh database with the default
settings; then every export format and the CLI's listings are written to files named after them. The ACLED CSV's
`timestamp` column (the time of export) and the time each error was recorded are blanked before comparison.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT.parent / "shared" / "datasets"
SEEDS = ROOT.parent / "shared" / "seeds"
WORK = ROOT / "build" / "identity-work"
REUTERS_ARTICLES = 500
FORMATS = ("json", "jsonl", "csv", "geojson", "acled-csv")
LISTINGS = (
    ("ls",),
    ("entities", "--limit", "40"),
    ("places", "--limit", "40"),
    ("places", "--unresolved", "--limit", "40"),
    ("claims", "--limit", "40"),
    ("events", "--limit", "40"),
    ("events", "--type", "Battles", "--limit", "20"),
    ("stories", "--limit", "20"),
    ("brief", "--format", "md"),
    ("brief", "--format", "html"),
    ("brief", "--query", "shelling of the city", "--format", "md"),
    ("search", "ceasefire", "--limit", "5"),
    ("search", "oil prices", "--limit", "5"),
    ("errors",),
)


def _newsint(*args: str) -> str:
    exe = Path(sys.executable).with_name("newsint")
    done = subprocess.run([str(exe), *args], capture_output=True, text=True, env={**os.environ, "COLUMNS": "160"})
    return f"exit {done.returncode}\n{done.stdout}"


_STAMP = re.compile(r"^\d{4}-\d\d-\d\dT[\d:]+\+00:00", re.MULTILINE)


def _comparable(key: str, text: str) -> str:
    """`errors` prints when each error was recorded: the time of the ingest, not a behaviour."""
    return _STAMP.sub("", text) if key.endswith(": errors") else text


def _reuters_sample(path: Path) -> Path:
    with gzip.open(DATASETS / "reuters21578" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as handle:
        lines = [line for line in itertools.islice(handle, REUTERS_ARTICLES)]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _blank_timestamps(text: str) -> str:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or "timestamp" not in rows[0]:
        return text
    column = rows[0].index("timestamp")
    for row in rows[1:]:
        row[column] = ""
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def _outputs(name: str, corpus: Path) -> dict[str, str]:
    db = WORK / f"{name}.db"
    outputs = {"ingest": _newsint("ingest", str(corpus), "--db", str(db)).splitlines()[0]}
    for fmt in FORMATS:
        out = WORK / f"{name}.{fmt}"
        _newsint("export", "--format", fmt, "--out", str(out), "--db", str(db))
        text = out.read_text(encoding="utf-8") if out.exists() else "(missing)"
        outputs[f"export.{fmt}"] = _blank_timestamps(text) if fmt == "acled-csv" else text
    first = _newsint("ls", "--ids", "--limit", "3", "--db", str(db)).splitlines()[1:]
    commands = list(LISTINGS) + [("show", doc) for doc in first] + [("story", s) for s in _story_ids(db)]
    for command in commands:
        outputs[" ".join(command)] = _newsint(*command, "--db", str(db))
    return outputs


def _story_ids(db: Path) -> list[str]:
    exported = json.loads((db.with_suffix(".json")).read_text(encoding="utf-8"))
    return [story["id"] for story in exported["stories"][:3]]


def collect() -> dict[str, str]:
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    results: dict[str, str] = {}
    corpora = {"seeds": SEEDS, "reuters500": _reuters_sample(WORK / "reuters500.jsonl")}
    for name, corpus in corpora.items():
        for key, text in _outputs(name, corpus).items():
            results[f"{name}: {key}"] = text
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=("record", "check"))
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    results = collect()
    if args.action == "record":
        args.folder.mkdir(parents=True, exist_ok=True)
        (args.folder / "outputs.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
        for key, text in results.items():
            print(f"{hashlib.sha256(text.encode()).hexdigest()[:16]}  {len(text):>10,}  {key}")
        return 0
    before = {
        key: _comparable(key, text)
        for key, text in json.loads((args.folder / "outputs.json").read_text("utf-8")).items()
    }
    (args.folder / "outputs-checked.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    results = {key: _comparable(key, text) for key, text in results.items()}
    differ = 0
    for key in sorted(set(before) | set(results)):
        same = before.get(key) == results.get(key)
        differ += not same
        size = len(results.get(key, ""))
        print(f"{'identical' if same else 'DIFFERENT'}  {size:>10,}  {key}")
    print(f"{len(results)} outputs, {differ} different")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
