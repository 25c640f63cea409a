"""Markdown tables of the corpus scores (benchmarks/eval_corpus.py): one line per split, by
entity type, by kind of document and by script, by document, the list of documents, and the
--details listing.

`scores` is a list of (CorpusDoc, DocScore) pairs for one split and one mode.
"""

from __future__ import annotations

from benchmarks.corpus_match import Counts


def by_type(scores) -> dict[str, Counts]:
    out: dict[str, Counts] = {}
    for _, s in scores:
        for t, c in s.by_type.items():
            out.setdefault(t, Counts()).add(c)
    return out


def type_table(scores) -> str:
    rows = ["| type | P | R | F1 | TP | FP | FN |", "|---|---:|---:|---:|---:|---:|---:|"]
    counts, total = by_type(scores), Counts()
    for t in sorted(counts):
        c = counts[t]
        total.add(c)
        rows.append(f"| {t} | {c.p:.2f} | {c.r:.2f} | {c.f1:.2f} | {c.tp} | {c.fp} | {c.fn} |")
    rows.append(f"| **all** | **{total.p:.2f}** | **{total.r:.2f}** | **{total.f1:.2f}** "
                f"| {total.tp} | {total.fp} | {total.fn} |")
    return "\n".join(rows)


def kind_table(scores) -> str:
    """P/R by kind of document (prose, table, list) and by script."""
    rows = ["| documents | n | P | R | F1 | TP | FP | FN |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for key in ("kind", "script"):
        for value in sorted({d.meta.get(key, "") for d, _ in scores}):
            group = [s for d, s in scores if d.meta.get(key, "") == value]
            c = Counts()
            for s in group:
                c.add(s.total())
            rows.append(f"| {value} | {len(group)} | {c.p:.2f} | {c.r:.2f} | {c.f1:.2f} | {c.tp} | {c.fp} | {c.fn} |")
    return "\n".join(rows)


def doc_table(scores) -> str:
    rows = ["| document | kind | script | gold | predicted | P | R | junk | type err | near-miss | resolution |",
            "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for d, s in scores:
        c, e = s.total(), s.error_counts()
        rows.append(f"| {d.slug} | {d.meta.get('kind', '')} | {d.meta.get('script', '')} | {len(d.gold)} "
                    f"| {s.predicted} | {c.p:.2f} | {c.r:.2f} | {s.junk:.0%} | {e['type']} | {e['near']} "
                    f"| {e['resolution']} |")
    return "\n".join(rows)


def documents_table(docs) -> str:
    rows = ["| split | document | title | issuer | year | kind | script | source |",
            "|---|---|---|---|---:|---|---|---|"]
    for d in docs:
        rows.append(f"| {d.half} | {d.slug} | {d.meta.get('title', '')} | {d.meta.get('issuer', '')} "
                    f"| {d.meta.get('year', '')} | {d.meta.get('kind', '')} | {d.meta.get('script', '')} "
                    f"| <{d.meta.get('url', '')}> |")
    return "\n".join(rows)


def details(scores) -> str:
    lines = []
    for d, s in scores:
        lines.append(f"### {d.half}/{d.slug}")
        for kind, p, hint in s.errors:
            what = f"{p.value}{p.unit}" if p.type == "Metric" else p.name
            said = "/".join(dict.fromkeys(p.mentions))
            lines.append(f"  FP {kind:10} {p.type:11} {what}  [{said}] {hint}".rstrip())
        for g in s.missed:
            lines.append(f"  FN {'':10} {g.type:11} {g.name}")
    return "\n".join(lines)


def splits_table(results) -> str:
    """One line per (split, mode): the totals issue 18 is judged by, and how many documents exceed 10 % junk."""
    rows = ["| split | mode | docs | gold | P | R | F1 | worst junk | docs > 10 % junk |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for (split, mode), scores in results.items():
        c = Counts()
        for _, s in scores:
            c.add(s.total())
        worst = max((s.junk for _, s in scores), default=0.0)
        over = sum(s.junk > 0.10 for _, s in scores)
        rows.append(f"| {split} | {mode} | {len(scores)} | {sum(len(d.gold) for d, _ in scores)} | {c.p:.2f} "
                    f"| {c.r:.2f} | {c.f1:.2f} | {worst:.0%} | {over} |")
    return "\n".join(rows)
