"""The extractor's output must not depend on the process's hash seed (PYTHONHASHSEED).

    .venv/bin/python benchmarks/check_determinism.py [--seeds 0,1,2,3] [--shapes-kb 20] [--only dev,dev2]
                                                     [--keep DIR]

Why: a loop over a set or a frozenset of strings runs in an order that changes with the seed,
which Python draws anew for every process. Where that order reaches the output (the first of
several rules that matches wins, a list built from a set), two runs of `innograph extract` on
the same file can differ (session 14: the test split scored 32 or 33 junk names by seed).

How: for each seed, a fresh process (benchmarks/dump_extract.py) writes the extraction of every
.txt under data/eval/extract, and of the bench_extract shapes (report, no marks, one line, one
table row, ...) at `--shapes-kb` KB, as JSON; every seed's dump must equal the first seed's byte
for byte. Only the names of the files that differ are printed (the held-out splits are dumped,
never shown). Exit status 1 when any differs.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DUMP = ROOT / "benchmarks" / "dump_extract.py"


def write_shapes(folder: Path, kb: int) -> None:
    """The bench_extract shapes at `kb` KB, one .txt each, under `folder`."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_extract  # noqa: E402  (only when shapes are checked: it loads the extractor)

    folder.mkdir(parents=True, exist_ok=True)
    for shape in bench_extract.SHAPES:
        text = bench_extract.make_text(kb) if shape == "report" else bench_extract.shape_text(shape, kb)
        (folder / f"{shape}.txt").write_text(text, encoding="utf-8")


def dump(seed: str, out: Path, roots: list[tuple[str, Path | None]], only: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    for name, root in roots:
        command = [sys.executable, str(DUMP), str(out / name)]
        if root is not None:
            command += ["--root", str(root)]
        elif only:
            command += ["--only", only]
        subprocess.run(command, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)


def differing(a: Path, b: Path) -> list[str]:
    """Files (relative paths) that differ between two dump folders, or exist in only one."""
    out: list[str] = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        out.extend(prefix + n for n in cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    filecmp.clear_cache()
    walk(filecmp.dircmp(a, b), "")
    return sorted(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0,1,2,3", help="comma-separated PYTHONHASHSEED values")
    parser.add_argument("--shapes-kb", type=int, default=20, help="size of the bench shapes (0: none)")
    parser.add_argument("--only", default="", help="comma-separated splits of data/eval/extract (default: all)")
    parser.add_argument("--keep", type=Path, help="write the dumps here (kept) instead of a temporary folder")
    args = parser.parse_args(argv)
    seeds = args.seeds.split(",")
    with tempfile.TemporaryDirectory(prefix="innograph-determinism-") as tmp:
        work = args.keep or Path(tmp)
        roots: list[tuple[str, Path | None]] = [("eval", None)]
        if args.shapes_kb:
            write_shapes(work / "texts" / "shapes", args.shapes_kb)
            roots.append(("shapes", work / "texts" / "shapes"))
        for seed in seeds:
            dump(seed, work / f"seed-{seed}", roots, args.only)
            print(f"seed {seed}: dumped", file=sys.stderr, flush=True)
        failed = False
        for seed in seeds[1:]:
            diff = differing(work / f"seed-{seeds[0]}", work / f"seed-{seed}")
            for name in diff:
                print(f"PYTHONHASHSEED={seed} differs from {seeds[0]}: {name}")
            failed = failed or bool(diff)
        count = sum(1 for _ in (work / f"seed-{seeds[0]}").rglob("*.json"))
    print(f"{'NOT ' if failed else ''}deterministic: {count} extractions, seeds {', '.join(seeds)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
