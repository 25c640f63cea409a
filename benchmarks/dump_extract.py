"""Write what the extractor outputs for every .txt under a directory, one JSON file each, to compare runs.

    .venv/bin/python benchmarks/dump_extract.py OUT_DIR [--root data/eval/extract] [--only dev,dev2]

Why: a speed or determinism fix must not change any output. Dump before, dump after, `diff -r`.
Each file holds `Extraction.to_json()` (document, nodes, edges, mentions, in the order the
extractor made them) plus the spans, inner spans, dropped names and in-name ids (sorted: a set).
Nothing is scored or printed but the count of files, so held-out splits can be dumped without
being read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders.report_loader import Extraction, extract_report  # noqa: E402

EVAL = ROOT / "data" / "eval" / "extract"


def dump(extraction: Extraction) -> str:
    """The extraction as JSON text; order kept wherever the extractor's own order reaches the user."""
    out = extraction.to_json()
    out["spans"] = extraction.spans
    out["inner_spans"] = extraction.inner_spans
    out["dropped"] = extraction.dropped
    out["in_name"] = sorted(extraction.in_name)
    out["relations"] = [repr(r) for r in extraction.analysis.relations]
    return json.dumps(out, ensure_ascii=False, indent=1, default=str) + "\n"


def texts(root: Path, only: list[str] | None) -> list[Path]:
    paths = sorted(root.rglob("*.txt"))
    if only:
        paths = [p for p in paths if p.relative_to(root).parts[0] in only]
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--root", type=Path, default=EVAL)
    parser.add_argument("--only", default="", help="comma-separated first-level directories (splits)")
    args = parser.parse_args(argv)
    paths = texts(args.root, [s for s in args.only.split(",") if s] or None)
    for path in paths:
        target = args.out / path.relative_to(args.root).with_suffix(".json")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dump(extract_report(path)), encoding="utf-8")
    print(f"{len(paths)} extractions written under {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
