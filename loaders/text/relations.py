"""Relations from sentence patterns, each tied to the sentence it rests on.

Within a sentence, clause by clause (split at commas and semicolons):

- a verb (rules.yaml `relation_verbs`) relates its subject — the actors named
  right before it, else the sentence's subject so far, else the publisher —
  to the names after it: 出台/发布《X》 -> X ISSUED_BY s; 编制/实施/启动 X -> X LED_BY s;
  支持/推进/推动成立 X -> s SUPPORTS X; 举办 E -> E HOSTED_BY s; a verb with nothing
  after it hands its meaning to the next verb (支持在顺义区建设X: s SUPPORTS X);
- 与/会同/联合 X (…合作/签订/对接/共同) -> s PARTNERS_WITH X; X also leads what follows;
- 在Z建设X, X在Z揭牌/落地, and a sentence opened by 聚焦/突破/搞活/升级 <Zone>
  -> X LOCATED_IN Z (the topic zone is also supported, and focuses on the sentence's fields);
- fields in a clause (在/围绕 A、B等领域 …) -> what the clause names FOCUSES_ON them;
- 对X的支持 -> s SUPPORTS X; 在A的领导下 -> publisher LED_BY A; 在A的指导 -> A SUPPORTS publisher;
- a fund and 对…子基金的投资 -> fund INVESTS_IN each sub-fund, each LED_BY its manager;
- names inside names (name_relations.py): 北京石墨烯研究院 FOCUSES_ON 石墨烯, 市委常委会
  PART_OF 市委, 京港…论坛: 北京市 PARTNERS_WITH 香港 …;
- figures: a Metric MEASURES the name it is about (全市/本市 -> the city, else the publisher);
- <actor>聚焦/重点发展 A和B -> the actor FOCUSES_ON each (focus_runs.py);
- never: a name mentioned aside (在…领导下, 按照X的部署, 据X统计, 感谢X: asides.py) as an actor, a name that
  qualifies a generic head or a body's unit being set up as an object (object_guards.py), a field
  inside a body's name as the topic zone's focus.

Only patterns the schema allows are kept (graph.schema.pattern_error).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from graph.schema import pattern_error
from graph.text import normalize
from loaders.text import budget
from loaders.text.asides import aside_spans, inside
from loaders.text.entities import Mention
from loaders.text.focus_runs import focus_run, subjects_before
from loaders.text.metrics import LEADING
from loaders.text.name_relations import ACTORS, NameRelations, Relation
from loaders.text.object_guards import not_set_up, qualifies_a_head, qualifies_as_place
from loaders.text.rules import Rules
from loaders.text.sections import Sentence, clause_spans

LEADS = {"Program", "Project", "Policy", "Fund", "Event", "Institution"}
BUILT = {"Program", "Project", "Policy", "Fund"}
JOINERS = {"、", "和", "及", "与", "等", ""}
PLACED = {"Institution", "Project", "Event", "Fund", "Program"}
WRITING = ("编制", "起草", "制定", "制订")  # lead verbs that make a text: their object is no body


class RelationFinder(NameRelations):
    def __init__(self, rules: Rules, text: str, sentences: list[Sentence], mentions: list[Mention],
                 publisher: Mention | None, city: Mention | None, abbr: dict[str, str]):
        self.rules, self.text, self.sentences = rules, text, sentences
        self.mentions = mentions  # sorted by start: ranges of them are found by bisection
        self._starts = [m.start for m in mentions]
        self._sentence_starts = [x.start for x in sentences]
        self._region_starts = {m.start for m in mentions if m.type == "Region" and not m.nested}
        self.publisher, self.city, self.abbr = publisher, city, abbr
        self.verbs = rules.relation_verbs()
        self.out: list[Relation] = []
        self.issuer: dict[int, Mention] = {}  # id(policy or event) -> the institution its name opens with
        self._sentence: Sentence | None = None
        self._asides: list[tuple[int, int]] = []  # spans of the sentence whose names are aside (asides.py)
        self._last_measured: tuple[int, Mention | None] | None = None

    def find(self) -> list[Relation]:
        self._names()
        for sentence in self.sentences:
            budget.check()
            if not sentence.heading:
                self._sentence = sentence
                self._one_sentence(sentence)
        return self._valid()

    # ---- helpers --------------------------------------------------------------

    def _add(self, source: Mention | None, type_: str, target: Mention | None, conf: float, rule: str,
             sentence: Sentence | None = None) -> None:
        sentence = sentence or self._sentence
        if source is None or target is None or sentence is None or source.key == target.key:
            return
        score = round(conf * min(source.conf, target.conf, 1.0), 3)
        self.out.append(Relation(source, type_, target, score, sentence.start, sentence.end, rule))

    def _range(self, start: int, end: int) -> list[Mention]:
        """Every mention starting in [start, end), in order (bisection: no scan of the whole text)."""
        return self.mentions[bisect_left(self._starts, start):bisect_left(self._starts, end)]

    def _in(self, start: int, end: int, top: bool = True) -> list[Mention]:
        return [m for m in self._range(start, end) if (not top or not m.nested) and m.how != "metric"]

    def _sentence_of(self, m: Mention) -> Sentence | None:
        i = bisect_right(self._sentence_starts, m.start) - 1
        s = self.sentences[i] if i >= 0 else None
        return s if s is not None and s.start <= m.start < s.end else None

    def _aside(self, m: Mention) -> bool:
        """Named as who leads, directs, counts or is thanked (asides.py): no actor of the sentence."""
        return inside(self._asides, m.start, m.end)

    def _subjects(self) -> list[Mention]:
        return [self.publisher] if self.publisher else []

    # ---- sentences --------------------------------------------------------------

    def _one_sentence(self, s: Sentence) -> None:
        self._asides = aside_spans(self.text, s.start, s.end)
        topic = self._topic(s)
        if topic:
            self._add(self.publisher, "SUPPORTS", topic, 0.75, "topic")
        subjects: list[Mention] = []
        previous: list[Mention] = []
        last_kind: str | None = None
        self._leadership(s)
        for cs, ce in clause_spans(self.text, s.start, s.end):
            triggers = self._triggers(cs, ce)
            explicit = self._explicit_subjects(cs, triggers)
            subjects = explicit or subjects
            subj = subjects or self._subjects()
            partner_subjects, co = self._partners(cs, ce, triggers, subj)
            locations = self._locations(cs, ce)
            if self.text.startswith(("及", "以及", "和"), cs) and last_kind and (
                    not triggers or self._in(cs, triggers[0][0])):
                triggers = [(cs, cs, "", last_kind), *triggers]
            objects, last_kind = self._apply(triggers, ce, subj, co, partner_subjects, locations, last_kind)
            self._place(objects, locations, topic)
            self._focus(cs, ce, objects, topic, previous)
            self._focus_run(cs, ce)
            self._support_of(cs, ce, subj)
            previous = objects or self._clause_names(cs, ce) or previous
        self._invest(s)
        self._metrics(s)

    def _clause_names(self, cs: int, ce: int) -> list[Mention]:
        """The names of a clause a later clause's fields can be about: none named aside (asides.py), none read
        across the clause's lead-in (中国 in 其中国际标准: a name starting inside 其中 is no name of the text)."""
        lead = LEADING.match(self.text[cs:ce])
        at = cs + (lead.end() if lead else 0)
        return [m for m in self._in(cs, ce) if m.type not in ("Field", "Metric") and not m.weak
                and m.how != "derived" and not self._aside(m) and not m.start < at < m.end]

    def _triggers(self, start: int, end: int) -> list[tuple[int, int, str, str]]:
        """(position, end, verb, kind) of each relation verb in text[start:end], left to right."""
        found: list[tuple[int, int, str, str]] = []
        inside = [(m.start, m.end) for m in self._in(start, end, top=False) if m.end - m.start > 1]
        for verb, kind in self.verbs:
            at = self.text.find(verb, start, end)
            while at != -1:
                span = (at, at + len(verb))
                free = not any(a < span[1] and span[0] < b for a, b, _, _ in found)
                named = any(a < span[1] and span[0] < b for a, b in inside)
                negated = self.text[max(0, at - 1):at] in self.rules.not_after
                if free and not named and not negated:
                    found.append((*span, verb, kind))
                at = self.text.find(verb, at + 1, end)
        return sorted(found)

    def _explicit_subjects(self, cs: int, triggers) -> list[Mention]:
        """Actors named right before the clause's first verb (市科委牵头编制…, CB Insights发布…)."""
        if not triggers:
            return []
        first = triggers[0][0]
        names = [m for m in self._in(cs, first) if m.type in ACTORS and not m.weak and not self._aside(m)]
        out: list[Mention] = []
        at = first
        for m in reversed(names):
            gap = self.text[m.end:at]
            if len(gap) > 4 or (out and gap not in JOINERS):
                break
            out.insert(0, m)
            at = m.start
        return out

    def _partners(self, cs: int, ce: int, triggers, subj: list[Mention]):
        """PARTNERS_WITH for 与/会同/联合 X; returns (names that were partners' subjects, co-leaders)."""
        taken: list[Mention] = []
        co: list[Mention] = []
        for at, end, verb, kind in triggers:
            if kind != "partner":
                continue
            partners = self._run_after(end, ce)
            if not partners:
                continue
            rest = self.text[partners[-1].end:ce]
            if verb == "与" and not any(w in rest for w in self.rules.cooperation):
                continue
            before = self._run_before(cs, at) if verb == "与" else []
            taken.extend(before)
            for a in before or subj:
                for b in partners:
                    self._add(a, "PARTNERS_WITH", b, 0.8, f"partner:{verb}")
            if not before:
                co.extend(partners)
        return taken, co

    def _run_after(self, start: int, end: int) -> list[Mention]:
        """Actors listed from `start` on (A、B和C), weak ones (本市) included."""
        out, at = [], start
        for m in self._in(start, end):
            if self.text[at:m.start] not in JOINERS - {"等"} or m.type not in ACTORS:
                break
            out.append(m)
            at = m.end
        return out

    def _run_before(self, start: int, end: int) -> list[Mention]:
        out, at = [], end
        for m in reversed(self._in(start, end)):
            if self.text[m.end:at] not in JOINERS or m.type not in ACTORS or m.weak:
                break
            out.insert(0, m)
            at = m.start
        return out

    def _locations(self, cs: int, ce: int) -> list[Mention]:
        """Places introduced by 在 (在顺义区建设…, X在京揭牌)."""
        return [m for m in self._in(cs, ce) if m.type in ("Zone", "District", "Region")
                and self.text[max(0, m.start - 1):m.start] == "在"]

    def _apply(self, triggers, ce: int, subj, co, partner_subjects, locations, last_kind):
        """Relate subjects to the names after each verb; returns (objects, the last verb's kind)."""
        objects: list[Mention] = []
        pending: str | None = None
        skip = {id(m) for m in [*partner_subjects, *locations, *co]}
        for i, (at, end, verb, kind) in enumerate(triggers):
            if kind in ("partner", "locate"):
                continue
            stop = triggers[i + 1][0] if i + 1 < len(triggers) else ce
            found = [m for m in self._in(end, stop) if id(m) not in skip and m.type != "Field" and not m.weak
                     and m.how != "derived" and m not in subj and not self._compound_head(m) and not self._aside(m)
                     and not qualifies_a_head(self.text, m.end) and not not_set_up(self.text, verb, m)
                     and not qualifies_as_place(self.text, m)]
            if not found:
                pending = pending or kind
                continue
            use = pending or kind
            pending = None
            last_kind = use
            for obj in found:
                self._relate(use, verb, [*subj, *co], obj)
            objects.extend(found)
        return objects, last_kind

    def _relate(self, kind: str, verb: str, subjects: list[Mention], obj: Mention) -> None:
        rule = f"{kind}:{verb}"
        issuer = self.issuer.get(id(obj))
        for s in subjects:
            if kind == "issue" and obj.type in ("Policy", "Program", "Document", "Metric"):
                self._add(obj, "ISSUED_BY", issuer or s, 0.8, rule)
            elif kind == "host" and obj.type == "Event":
                self._add(obj, "HOSTED_BY", issuer or s, 0.8, rule)
            elif kind == "lead" and obj.type == "Institution" and any(w in verb for w in WRITING):
                continue  # 编制北京市科学技术委员会…年度报告: a body is set up, not written
            elif kind == "lead" and obj.type in LEADS or kind == "build" and obj.type in BUILT:
                self._add(obj, "LED_BY", s, 0.75, rule)
            elif kind in ("support", "build") and obj.type not in ("Field", "Metric") \
                    or kind == "lead" and obj.type in ("Zone", "District"):
                self._add(s, "SUPPORTS", obj, 0.75, rule)
            if issuer:
                break

    def _compound_head(self, m: Mention) -> bool:
        """新疆|和田地区: the first place of a compound place name is not an object of its own."""
        return m.type == "Region" and m.end in self._region_starts

    def _topic(self, s: Sentence) -> Mention | None:
        """聚焦中关村科学城, … : the zone a sentence is about (and that the subject supports)."""
        for verb in self.rules.topic_verbs:
            if self.text.startswith(verb, s.start):
                first = next(iter(self._in(s.start, s.end)), None)
                if first and first.type == "Zone" and first.start == s.start + len(verb):
                    return first
        return None

    def _place(self, objects: list[Mention], locations: list[Mention], topic: Mention | None) -> None:
        for obj in objects:
            if obj.type not in PLACED:
                continue
            where = [loc for loc in locations if loc.start < obj.start] or ([topic] if topic else [])
            for loc in where:
                self._add(obj, "LOCATED_IN", loc, 0.7, "locate:in")
            if topic and not locations and obj.type != "Institution":  # a body's name is no zone's focus
                for f in self._fields_in(obj):
                    self._add(topic, "FOCUSES_ON", f, 0.6, "topic:field-in-name")
        for loc in locations:  # X在京揭牌/落地
            before = [m for m in self._in(self._sentence.start, loc.start)
                      if self.text[m.end:loc.start - 1] in ("", "”", "》", "\"")]
            verb_after = self.text[loc.end:loc.end + 2]
            if before and any(verb_after.startswith(v) for v in self.rules.verbs_by_kind["locate"]):
                self._add(before[0], "LOCATED_IN", loc, 0.75, "locate:在")

    def _focus(self, cs: int, ce: int, objects, topic, previous) -> None:
        fields = [m for m in self._in(cs, ce) if m.type == "Field"]
        if not fields:
            return
        gather = re.search(r"向(.+?)(?:等)?集聚", self.text[cs:ce])
        if gather:
            targets = [m for m in self._in(cs + gather.start(1), cs + gather.end(1)) if m.type == "Zone"]
        else:
            targets = [o for o in objects if o.type != "Field"] or ([topic] if topic else []) or previous
            if topic and objects:
                targets = [*targets, topic]
        for t in targets:
            if not self._aside(t):
                for f in fields:
                    self._add(t, "FOCUSES_ON", f, 0.65, "focus:clause")

    def _focus_run(self, cs: int, ce: int) -> None:
        """中关村科学城聚焦人工智能和集成电路: the subject right before the verb focuses on the run (focus_runs.py)."""
        at, run = focus_run(self.text, [m for m in self._in(cs, ce) if m.type == "Field"], cs, ce)
        if run:
            names = [m for m in self._in(cs, at) if m.type in ACTORS and not m.weak and not self._aside(m)]
            for subject in subjects_before(self.text, names, at):
                for f in run:
                    self._add(subject, "FOCUSES_ON", f, 0.65, "focus:run")

    def _support_of(self, cs: int, ce: int, subj) -> None:
        for m in self._in(cs, ce):
            if self.text[max(0, m.start - 1):m.start] == "对" and re.match(r"的?支持", self.text[m.end:ce]):
                for s in subj:
                    self._add(s, "SUPPORTS", m, 0.75, "support:对…的支持")

    def _leadership(self, s: Sentence) -> None:
        text = self.text[s.start:s.end]
        for m in re.finditer(r"在(.{2,20}?)的(?:坚强)?(领导|关心指导|指导)", text):
            leaders = [x for x in self._in(s.start + m.start(1), s.start + m.end(1)) if x.type in ACTORS]
            for leader in leaders:
                if m.group(2) == "领导":
                    self._add(self.publisher, "LED_BY", leader, 0.75, "leadership")
                else:
                    self._add(leader, "SUPPORTS", self.publisher, 0.7, "guidance")

    def _invest(self, s: Sentence) -> None:
        subs = [m for m in self._range(s.start, s.end) if m.how == "derived"]
        funds = [m for m in self._in(s.start, s.end) if m.type == "Fund" and m.how != "derived"]
        if subs and funds and "投资" in self.text[s.start:s.end]:
            for sub in subs:
                self._add(funds[0], "INVESTS_IN", sub, 0.75, "invest:子基金")

    def _metrics(self, s: Sentence) -> None:
        """What each figure measures: the name opening its clause, else what the paragraph's last
        figure measured, else the city (全市/本市 in the sentence), else the publisher."""
        home = [m for m in self._in(s.start, s.end) if m.weak or (self.city and m.key == self.city.key)]
        district = next((m for m in home if m.weak and m.type == "District"), None)  # 全区 in a district's report
        clauses = clause_spans(self.text, s.start, s.end)  # once per sentence, not per figure (linear time)
        for metric in (m for m in self._range(s.start, s.end) if m.how == "metric"):
            cs, ce = next(c for c in clauses if c[0] <= metric.start < c[1])
            lead = LEADING.match(self.text[cs:ce])  # on the clause: a `^` never matches at a later offset
            begin = cs + (lead.end() if lead else 0)
            opening = next((m for m in self._in(begin, metric.start) if m.type not in ("Metric", "Field")), None)
            if opening is not None and opening.start == begin \
                    and self.text[metric.start - 1:metric.start] != "等":
                target = (opening if opening.type == "District" else self.city) if opening.weak else opening
            elif (sized := self._sized(metric, ce)) is not None:
                target = sized
            elif self.city and "全社会" in self.text[begin:metric.start] and not self._below_city():
                target = self.city  # 全社会研发经费投入强度: society's, i.e. the report's city
            elif self._last_measured and self._last_measured[0] == s.paragraph:
                target = self._last_measured[1]
            else:
                target = district or (self.city if home else self.publisher)
            self._last_measured = (s.paragraph, target)
            self._add(metric, "MEASURES", target, 0.8, "metric")

    def _below_city(self) -> bool:
        """A district's, county's or zone's report (北京市怀柔区科学技术委员会, …园区管理委员会): its 全社会 is not the city's."""
        return self.publisher is not None and any(c in self.publisher.name for c in "区县")

    def _sized(self, metric: Mention, ce: int) -> Mention | None:
        """设立300亿元双城经济圈发展基金: a sum of money right before a fund or a project is its size."""
        if not self.text[metric.start:metric.end].endswith("元"):
            return None  # 3支基金 counts funds, it sizes none
        after = self.text[metric.end:metric.end + 1] == "的"
        return next((m for m in self._in(metric.end + after, ce) if m.start == metric.end + after
                     and m.type in ("Fund", "Project")), None)

    # ---- checks ------------------------------------------------------------------

    def _valid(self) -> list[Relation]:
        best: dict[tuple, Relation] = {}
        for r in self.out:
            if pattern_error(r.source.type, r.type, r.target.type):
                continue
            key = (*r.key, r.start)
            if key not in best or r.conf > best[key].conf:
                best[key] = r
        return sorted(best.values(), key=lambda r: (r.start, r.type, normalize(r.source.name)))
