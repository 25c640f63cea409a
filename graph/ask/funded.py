""""Which zones get funding?": the nodes of a type that a fund supports or invests in.

Why (session 16): `funding` is a Fund type word (a question about money asks about funds, not about every
supporter), so "Which zones get funding?" was read by the `list` form as every node of type Fund or Zone (16);
before, as every zone (8): both ignore what was asked, which zones a fund goes to. In the graph a fund goes to a
node by SUPPORTS or INVESTS_IN; the answer is those nodes of the other type asked, each with its edge, or an
honest none that says what the funds do go to (the bundled graph's fund invests only in its six sub-funds).

Session 16b: "Which funds get funding?" / "哪些基金获得了基金投资" asks the same of funds themselves (a fund that a
fund supports or invests in); it was read as every fund (8, the innovation fund and 市杰出青年基金 among them,
which nothing funds). Asked of Fund alone, the answer is the funds a fund goes to (the six sub-funds), or none.
"""

from __future__ import annotations

import re

from graph.ask import model
from graph.ask.parser import Parse
from graph.ask.words import say, short, type_words
from graph.queries import GraphQueries
from graph.schema import SUPPORT_EDGES_IN

FUNDING = {"en": re.compile(r"\bfunding\b"), "zh": re.compile(r"(?!)")}
#: Of funds alone, being funded: "Which funds get funding?", "哪些基金获得了基金投资", "Which funds are invested in?".
FUNDED = {"en": re.compile(r"\b(get|gets|got|receive|receives|received)\b.*\b(funding|investment|money)\b|"
                           r"\b(are|is|were|was|get|gets) (funded|invested in|financed)\b"),
          "zh": re.compile(r"(获得|得到|获|受到?|接受)[^，。？]{0,6}(投资|资助|注资|出资)|被[^，。？]{0,6}投资")}
SHOWN = 8


def asked(p: Parse) -> bool:
    if p.form is None or p.form.query != "list" or "Fund" not in p.types:
        return False
    if p.types == ["Fund"]:
        return bool(FUNDED[p.language].search(p.keyed))
    return bool(FUNDING[p.language].search(p.keyed))


def answer(queries: GraphQueries, p: Parse, base: dict, evidence) -> model.Answer:
    lang, wanted = p.language, [t for t in p.types if t != "Fund"] or ["Fund"]
    funds = [n.id for n in queries.store.nodes_of_type("Fund")]
    edges = queries.store.edges(funds, "out", list(SUPPORT_EDGES_IN)) if funds else []
    ends = queries.store.get_nodes({e.target for e in edges})
    rows = [model.Item(node=ends[e.target], relation=e.type, edges=[e]) for e in edges
            if e.target in ends and ends[e.target].type in wanted]
    what = type_words(wanted, lang)
    interpretation = say(lang, f"有基金支持或投资的{what}", f"nodes of type {what} a fund supports or invests in")
    if rows:
        names = say(lang, "；", "; ").join(dict.fromkeys(short(i.node, lang) for i in rows))
        count = len({i.node.id for i in rows})
        summary = say(lang, f"{interpretation}：共 {count} 个 — {names}。", f"{interpretation}: {count} — {names}.")
    else:
        count = 0
        gone = list(dict.fromkeys(short(n, lang) for n in ends.values()))
        to = say(lang, "；", "; ").join(gone[:SHOWN]) + (say(lang, " 等", " …") if len(gone) > SHOWN else "")
        summary = say(lang, f"否：图中没有基金支持或投资的{what}（图只含报告写到的关系）。",
                      f"None: no node of type {what} in the graph is supported or invested in by a fund (it holds what the "
                      f"report says, nothing more).")
        if gone:
            summary += say(lang, f"图中基金支持或投资的是：{to}。", f" The funds in the graph go to: {to}.")
    shown = [e for i in rows for e in i.edges]
    return model.Answer(**base, status="answered" if rows else "empty", interpretation=interpretation,
                        summary=summary, query="funded", params={"refs": [], "types": wanted, "count": p.count},
                        count=count, items=rows, nodes=[i.node for i in rows],
                        edges=shown, evidence=evidence(queries, shown))
