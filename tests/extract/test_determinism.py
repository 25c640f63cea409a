"""The extractor answers the same whatever the process's hash seed (PYTHONHASHSEED).

Python draws a new seed for the hashes of strings in every process, and a set of strings is
iterated in an order that follows them. Where a rule takes the first of a set that matches, two
runs of `innograph extract` on one file can differ. Each test here runs the rule in fresh
processes with several seeds and wants one answer; benchmarks/check_determinism.py (make
check-determinism) does the same for whole extractions of the corpus.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ("0", "1", "2", "3")


def _under_seeds(code: str) -> set[str]:
    """The distinct outputs of `code` run in a fresh process per seed."""
    out = set()
    for seed in SEEDS:
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        out.add(done.stdout.strip())
    return out


PLACE_RUNS = ["，上海科学中心。", "，上海国家科学中心。", "，上海研究中心。", "，上海高新区。", "，上海科学院。",
              "，上海算力中心。", "，上海产业集群。", "，台湾企业总部中心。"]


def test_a_place_before_a_bare_name_ending_is_read_the_same_under_every_seed():
    """place_heads.opens_name_run took the first name ending of a set that the words end with: 科学中心 or
    中心 for 上海|科学中心, so 上海 was a place or the head of an unread name by seed (session 15). The
    longest ending is taken: 上海 before a bare ending (科学中心, 高新区) opens no name run; before
    words and an ending (台湾|企业总部|中心) it does."""
    code = f"""
import json
from loaders.text.rules import load_rules
from loaders.text.gazetteer import Context, builtin
from loaders.text.entities import EntityFinder
from loaders.text import place_heads
rules = load_rules()
context = Context.of("北京市科学技术委员会", "")
finder = EntityFinder(rules, builtin(rules, context), context)
print(json.dumps([place_heads.opens_name_run(finder, t, 1, 3, set()) for t in {PLACE_RUNS!r}]))
"""
    answers = _under_seeds(code)
    assert len(answers) == 1, answers
    assert json.loads(answers.pop()) == [False] * 7 + [True]
