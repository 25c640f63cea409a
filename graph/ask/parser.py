"""A question -> one query with its parameters: deterministic, offline, no model.

    "哪些计划支持懷柔科學城？"
      keyed     哪些计划支持怀柔科学城            (width, script, case, punctuation folded)
      names     怀柔科学城 -> zone-huairou-science-city   (gazetteer, longest cover)
      skeleton  哪些计划支持Ⓔ
      form      supporters (pattern 支持Ⓔ), types [Program] (计划)

When the skeleton holds words that are no name and no cue (a misspelt or
unknown name), a second reading replaces them by Ⓔ too, matched to the closest
graph name (difflib) or kept as an unknown mention; it wins only if it places a
name the first reading could not. The word lists it uses are in forms.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.ask.forms import ENTITY, YEAR, Form, Grammar, Pattern, english_part, grammar
from graph.ask.gazetteer import FUZZY_CUTOFF, Gazetteer, Span, has_cjk, match_key, without_breaks
from graph.ask.spelling import respelt

MAX_CHARS = 500
OTHER_LANGUAGE_WEIGHT = 0.9
#: Markup is text, but its tags are not words of the question: they are read as spaces.
_TAGS = re.compile(r"<[^<>]{0,200}>")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_ARTICLES = re.compile(r"\b(the|a|an|please|pls)\b\s*")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff\u24b6-\u24e9]) (?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff]) (?=[\u24b6-\u24e9])")
@dataclass
class Mention:
    """A name in the question: found exactly, found fuzzily, or not in the graph at all."""

    text: str
    ids: tuple[str, ...] = ()
    score: float = 1.0
    id: str | None = None  # the chosen node, once the form is known

    @property
    def kind(self) -> str:
        if not self.ids:
            return "unknown"
        return "exact" if self.score >= 1.0 else "fuzzy"


@dataclass
class Reading:
    skeleton: str
    mentions: list[Mention]
    form: Form | None = None
    score: float = 0.0
    slots: list[int] = field(default_factory=list)  # mention indices filling the form's slots
    types: list[str] = field(default_factory=list)
    typo: bool = False  # a name was read whole across pieces: misspelt Chinese (_typo), loose English (_widened)


@dataclass
class Parse:
    question: str
    language: str
    keyed: str
    skeleton: str
    mentions: list[Mention]
    form: Form | None
    slots: list[Mention]
    types: list[str]
    descriptors: list[str]
    year: int | None
    years: list[int]
    count: bool
    score: float
    excluded: list[str] = field(default_factory=list)  # "outside Beijing": ids the answer leaves out
    respelt: list[tuple[str, str]] = field(default_factory=list)  # English words read with a slip mended (session 13)

    @property
    def unknown(self) -> list[Mention]:
        return [m for m in self.slots if m.kind == "unknown"]


def parse(question: str, gaz: Gazetteer, g: Grammar | None = None) -> Parse:
    """Read a question (already checked for length) against the names of one graph."""
    g = g or grammar()
    keyed, mended = respelt(match_key(_TAGS.sub(" ", question), clause_breaks=True), g, gaz)
    capitals = frozenset(re.findall(r"\b[A-Z]{2,}\b", question))
    keyed, spans = without_breaks(keyed, gaz.find(keyed, _everyday_words(g), capitals))
    skeleton, years = _skeleton(keyed, spans)
    language = _language(skeleton, question)
    mentions = [Mention(s.key, s.ids) for s in spans]
    skeleton, mentions, excluded = _exclusions(skeleton, mentions, language)
    skeleton = _FOLLOW_UP.sub(ENTITY, skeleton) if language == "zh" else skeleton
    skeleton, descriptors = _descriptors(skeleton, g, language, _kinds(mentions, gaz))
    best = first = _read(Reading(skeleton, mentions), g, gaz, language, years)
    chunks = _residue(skeleton, g, language)
    if chunks:
        second = _read(_with_chunks(first, chunks, gaz, years), g, gaz, language, years)
        if second.form and (first.form is None or second.form.slots > first.form.slots
                            or (second.typo and second.form.slots >= first.form.slots)):
            best = second  # it places a name the first reading could not, or reads a misspelt one whole
    slots = [best.mentions[i] for i in best.slots]
    form = best.form
    if form and slots and slots[0].ids:
        form = _redirect(form, slots[0], g, gaz.types)
    for mention in slots:
        mention.id = choose(mention, form, gaz.types, descriptors)
    types = [t for t in best.types if not form or t not in form.ignore_types]
    return Parse(question=question, language=language, keyed=keyed, skeleton=best.skeleton,
                 mentions=best.mentions, form=form, slots=slots, types=types, descriptors=descriptors,
                 year=years[0] if years else None, years=years,
                 count=bool(g.count_words[language].search(best.skeleton)), score=best.score, excluded=excluded,
                 respelt=mended)


#: "leaving out the commission", "不算市科委" (session 17: "Which zone has the most supporters, leaving out the
#: commission?" was declined, the commission read as a name the ranking left unused).
_EXCLUDE = {"en": re.compile(r"\b(outside( of)?|except( for)?|excluding|other than|apart from|besides|beyond|not in"
                             r"|leaving out|leave out|leaving aside|setting aside|not counting|discounting) Ⓔ"),
            "zh": re.compile(r"(除了|除去|除|不算|不计|不包括|不含|排除|去掉|刨除|撇开)Ⓔ(以外|之外|外|在内)?|Ⓔ(以外|之外)的?")}


#: "未来科学城呢，有哪些项目？": a follow-up that names its subject, then asks; 呢 only marks the turn (session 14:
#: it stood between the name and 有哪些, so no form read it). A lone "那经开区呢" has nothing after it: unchanged.
_FOLLOW_UP = re.compile(r"^(那么?|还有)?Ⓔ呢(?=\S)")


def _exclusions(skeleton: str, mentions: list[Mention], language: str) -> tuple[str, list[Mention], list[str]]:
    """'regions outside Beijing', '除了北京': the name is left out of the answer, not asked about."""
    excluded: list[str] = []
    for m in reversed(list(_EXCLUDE[language].finditer(skeleton))):
        at = skeleton.index(ENTITY, m.start())
        index = skeleton.count(ENTITY, 0, at)
        mention = mentions[index]
        if not mention.ids:
            continue
        excluded.extend(mention.ids)
        mentions = mentions[:index] + mentions[index + 1:]
        skeleton = skeleton[: m.start()] + " " + skeleton[m.end():]
    return _tidy(skeleton), mentions, excluded


def _kinds(mentions: list[Mention], gaz: Gazetteer) -> list[set[str]]:
    """The node types each name may stand for, in skeleton order."""
    return [{gaz.types[i] for i in m.ids if i in gaz.types} for m in mentions]


def _everyday_words(g: Grammar) -> frozenset[str]:
    return frozenset(g.stop_words["en"] | g.everyday_en | g.vocabulary["en"])


# ---- the skeleton ----------------------------------------------------------

def _skeleton(keyed: str, spans: list[Span]) -> tuple[str, list[int]]:
    """Names -> Ⓔ and years -> Ⓨ (outside names), spaced the way patterns expect."""
    parts, pos, years = [], 0, []
    for span in spans:
        parts.append(_years(keyed[pos:span.start], years))
        parts.append(f" {ENTITY} ")
        pos = span.end
    parts.append(_years(keyed[pos:], years))
    return _tidy("".join(parts)), years


def _years(text: str, found: list[int]) -> str:
    def sub(m: re.Match) -> str:
        found.append(int(m.group(1)))
        return f" {YEAR} "
    return _YEAR.sub(sub, text)


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return _CJK_SPACE.sub("", text)


def _language(skeleton: str, question: str) -> str:
    if has_cjk(skeleton) and len(re.findall(r"[a-z]{2,}", skeleton)) < 2:
        return "zh"
    if has_cjk(skeleton):  # "Policies about 科技成果转化": English around a Chinese term
        return "en"
    if re.search(r"[a-z]", skeleton):
        return "en"
    return "zh" if has_cjk(question) or re.search(r"[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]", question) else "en"


def _descriptors(skeleton: str, g: Grammar, language: str, kinds: list[set[str]]) -> tuple[str, list[str]]:
    """'the fund Ⓔ': a type word just before a name of that type describes it; it is dropped."""
    if language != "en":
        return skeleton, []
    skeleton = _ARTICLES.sub("", skeleton).strip()
    found: list[str] = []
    for word in g.type_words["en"]:
        regex = re.compile(word.regex.pattern + r"\s*(?=" + ENTITY + ")")

        def drop(m: re.Match, word=word) -> str:
            following = m.string.count(ENTITY, 0, m.end())
            if following < len(kinds) and kinds[following] & set(word.types):
                found.extend(word.types)
                return ""
            return m.group(0)
        skeleton = regex.sub(drop, skeleton)
    return _tidy(skeleton), found


def _types(skeleton: str, g: Grammar, language: str, kinds: list[set[str]]) -> list[str]:
    """The type filter: every type word, except one naming the type of the name beside it (石墨烯领域)."""
    found: list[str] = []
    text = skeleton
    for word in g.type_words[language]:
        for m in word.regex.finditer(text):
            if not _describes(text, m, set(word.types), kinds, language):
                found += [t for t in word.types if t not in found]
        text = word.regex.sub(lambda m: " " * len(m.group(0)), text)  # 子基金 is not also 基金
    if language == "zh":  # "E-Town 有哪些 platforms": an English type word in a Chinese question filters too
        text = english_part(text)
        for word in g.type_words["en"]:
            for m in word.regex.finditer(text):
                if not _describes(text, m, set(word.types), kinds, "zh"):
                    found += [t for t in word.types if t not in found]
            text = word.regex.sub(lambda m: " " * len(m.group(0)), text)
    return found


def _describes(text: str, m: re.Match, types: set[str], kinds: list[set[str]], language: str) -> bool:
    """Beside a name of its type it describes the name; in English, just before any name it is a
    verb ('who funds Ⓔ') or a description, never a filter."""
    before, after = text[: m.start()].rstrip(), text[m.end():].lstrip()
    if language == "en" and after.startswith(ENTITY):
        # after more/most/fewer/how many it is a noun, the thing counted: "Which has more fields, E-Town or
        # Future Science City?" (the comma is gone by now; session 14's left-over, session 15)
        return not re.search(r"\b(more|most|fewer|less|least|many)$", before)
    return _beside_its_type(before, after, text, m, types, kinds)


def _beside_its_type(before: str, after: str, text: str, m: re.Match, types: set[str], kinds: list[set[str]]) -> bool:
    near = []
    if before.endswith(ENTITY):
        near.append(before.count(ENTITY) - 1)
    if after.startswith(ENTITY):
        near.append(text.count(ENTITY, 0, m.end()))
    return any(k < len(kinds) and kinds[k] & types for k in near)


# ---- reading: the best form ------------------------------------------------

def _read(reading: Reading, g: Grammar, gaz: Gazetteer, language: str, years: list[int]) -> Reading:
    """The heaviest matching pattern of the forms that fit the question decides its form."""
    entities = reading.skeleton.count(ENTITY)
    reading.types = _types(reading.skeleton, g, language, _kinds(reading.mentions, gaz))
    other = "en" if language == "zh" else "zh"
    for form in g.forms.values():
        if not _fits(form, entities, years, reading.types):
            continue
        for lang, factor in ((language, 1.0), (other, OTHER_LANGUAGE_WEIGHT)):
            for pattern in form.patterns[lang]:
                score = form.weight * pattern.weight * factor
                if score <= reading.score:
                    continue
                match = pattern.regex.search(reading.skeleton)
                if match:
                    reading.form, reading.score = form, score
                    reading.slots = _slot_indices(reading.skeleton, match, pattern, form)
    return reading


def _fits(form: Form, entities: int, years: list[int], types: list[str]) -> bool:
    types = [t for t in types if t not in form.ignore_types]
    return not (form.slots > entities or (form.slots == 0 and entities)
                or (form.needs_year and not years) or (form.needs_type and not types)
                or (form.no_types and types))


def _slot_indices(skeleton: str, match: re.Match, pattern: Pattern, form: Form) -> list[int]:
    """The mentions filling the form's slots: those the pattern placed, then the rest in order."""
    starts = [match.start(name) for name in pattern.slots[: form.slots]]
    chosen = [skeleton.count(ENTITY, 0, s) for s in starts]
    rest = [i for i in range(skeleton.count(ENTITY)) if i not in chosen]
    return chosen + rest[: form.slots - len(chosen)]


# ---- words that are no name and no cue --------------------------------------

def residue(skeleton: str, g: Grammar, language: str, single: bool = False) -> list[str]:
    """Words of the question that are no name, no cue and no stop word (what it asks that no form reads).

    `single`: a lone Chinese character counts too ("怀柔科学城有多少人": 人 is what is counted)."""
    if single and language == "zh":
        return _residue_zh(skeleton, g, min_len=1)
    return _residue(skeleton, g, language)


def _residue(skeleton: str, g: Grammar, language: str) -> list[str]:
    """Runs of words left when placeholders, cues, question and stop words are taken out."""
    if language == "en":
        return _residue_en(skeleton, g)
    return _residue_zh(skeleton, g)


def _residue_en(skeleton: str, g: Grammar) -> list[str]:
    tokens = [t for t in re.split(r"\s+|(?=[ⒺⓎ])|(?<=[ⒺⓎ])|(?<=[a-z0-9])(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])(?=[a-z0-9])",
                                  skeleton) if t]
    kinds = ["stop" if t in (ENTITY, YEAR) or t in g.stop_words["en"] else
             "name" if t in g.name_words["en"] or _is_type_word(t, g) else
             "stop" if _is_function_word(t, g) else "rest" for t in tokens]
    runs = _runs(_joined(tokens, kinds))
    return [" ".join(tokens[a:b]) for a, b in runs if len(" ".join(tokens[a:b])) >= 3]


#: Stop words that join the words of one English name ("construction of the national S&T innovation center").
_JOINERS = frozenset({"of", "and", "for", "on"})


def _joined(tokens: list[str], kinds: list[str]) -> list[str]:
    """A lone letter (the s and t of S&T, R&D) and a joiner between two words of a run are name-like, so a
    loose English name is read whole, not as two fragments (session 12)."""
    kinds = list(kinds)
    for i, token in enumerate(tokens):
        if len(token) == 1 and token.isalpha() and token not in ("a", "i"):
            kinds[i] = "name"
    for i, token in enumerate(tokens):
        if token in _JOINERS and 0 < i < len(tokens) - 1 and kinds[i - 1] != "stop" and kinds[i + 1] != "stop":
            kinds[i] = "name"
    return kinds


def _runs(kinds: list[str]) -> list[tuple[int, int]]:
    """Runs holding at least one unexplained word, widened over the name-like words around it."""
    runs, i = [], 0
    while i < len(kinds):
        if kinds[i] != "rest":
            i += 1
            continue
        start, end = i, i + 1
        while start > 0 and kinds[start - 1] == "name":
            start -= 1
        while end < len(kinds) and kinds[end] in ("rest", "name"):
            end += 1
        runs.append((start, end))
        i = end
    return runs


def _is_function_word(token: str, g: Grammar) -> bool:
    if has_cjk(token):  # Chinese in an English question: a name unless every part is a cue or stop word
        return not _residue_zh(token, g)
    if token.isdigit():
        return True
    vocab = g.vocabulary["en"]
    for suffix in ("", "s", "es", "ed", "d", "ing", "ers", "er"):
        if token.endswith(suffix) and token[: len(token) - len(suffix)] in vocab:
            return True
    return token.endswith("ies") and token[:-3] + "y" in vocab


def _is_type_word(token: str, g: Grammar) -> bool:
    return any(w.regex.fullmatch(token) for w in g.type_words["en"])


def _residue_zh(skeleton: str, g: Grammar, min_len: int = 2) -> list[str]:
    """Per character: part of a cue or stop word, of a name-like word (科学城, 基金 …), or unexplained."""
    kinds = ["rest" if has_cjk(ch) else "stop" for ch in skeleton]
    for word, kind in _zh_word_kinds(g):
        at = skeleton.find(word)
        while at >= 0:
            if all(k == "rest" for k in kinds[at:at + len(word)]):
                kinds[at:at + len(word)] = [kind] * len(word)
            at = skeleton.find(word, at + 1)
    return [skeleton[a:b] for a, b in map(lambda run: _widen(skeleton, kinds, run), _runs(kinds))
            if b - a >= min_len]


#: One-character stop words that are also the first character of compound nouns ("新型研发机构",
#: "中小企业"): quoting the words a question left unread without them shows a broken fragment.
_PREFIX_CHARS = frozenset("新中前上下内多高大小重")


def _widen(skeleton: str, kinds: list[str], run: tuple[int, int]) -> tuple[int, int]:
    start, end = run
    if start > 0 and skeleton[start - 1] in _PREFIX_CHARS and kinds[start - 1] == "stop" \
            and (start < 2 or not has_cjk(skeleton[start - 2]) or skeleton[start - 2] not in _PREFIX_CHARS):
        start -= 1
    return start, end


def _zh_word_kinds(g: Grammar) -> list[tuple[str, str]]:
    """Every Chinese cue, stop and name-like word, longest first, with its kind (kept on the grammar)."""
    kinds = g.__dict__.get("_zh_word_kinds")
    if kinds is None:
        names = g.name_words["zh"] | {w for tw in g.type_words["zh"] for w in _zh_words(tw)}
        words = sorted(g.vocabulary["zh"] | g.stop_words["zh"] | names, key=lambda w: (-len(w), w))
        kinds = g.__dict__["_zh_word_kinds"] = [(w, "name" if w in names else "stop") for w in words]
    return kinds


def _zh_words(word) -> list[str]:
    return re.findall(r"[\u4e00-\u9fff]+", word.regex.pattern)


def _with_chunks(first: Reading, chunks: list[str], gaz: Gazetteer, years: list[int] = ()) -> Reading:
    """The skeleton with leftover word runs read as names: the closest graph name, or unknown."""
    skeleton = first.skeleton
    placed = [(i, m) for i, m in zip((i for i, ch in enumerate(skeleton) if ch == ENTITY), first.mentions)]
    free, located = skeleton, []
    for chunk in sorted(set(chunks), key=len, reverse=True):
        at = free.find(chunk)
        if at >= 0:
            located.append((at, chunk))
            free = free[:at] + "\0" * len(chunk) + free[at + len(chunk):]
    spans: list[tuple[int, int, Mention]] = []  # [start, end) of the skeleton read as one name
    whole = False
    for at, chunk in sorted(located):
        if any(s <= at < e for s, e, _ in spans):
            continue  # inside a misspelt name already read
        typo = _typo(skeleton, placed, at, chunk, gaz) or (
            None if has_cjk(chunk) else _widened(skeleton, placed, years, at, chunk, gaz))
        if typo:  # a name read whole across the pieces the first reading cut it into
            spans.append(typo)
            whole = True
            continue
        close = gaz.closest(match_key(chunk))
        if not close and not has_cjk(chunk):  # "focus areas of Futrue Science City": the type word is no part of the name
            at, chunk, close = _without_type_words(at, chunk, gaz)
        mention = Mention(chunk, tuple(sorted(gaz.names[close[0][0]])), close[0][1]) if close else Mention(chunk)
        spans.append(_glued_body(skeleton, placed, at, chunk) if not close else (at, at + len(chunk), mention))
    placed = [(i, m) for i, m in placed if not any(s <= i < e for s, e, _ in spans)] + [(s, m) for s, _, m in spans]
    for start, end, _ in sorted(spans, key=lambda sp: sp[0], reverse=True):
        skeleton = skeleton[:start] + f" {ENTITY} " + skeleton[end:]
    reading = Reading(_tidy(skeleton), [m for _, m in sorted(placed, key=lambda p: p[0])])
    reading.typo = whole
    return reading


def _without_type_words(at: int, chunk: str, gaz: Gazetteer) -> tuple[int, str, list]:
    """An English chunk that opens with type words and joiners ("areas of futrue science city", session 16: the
    run was widened over 'areas of' and then matched no name), matched again without them."""
    g = grammar()
    words = chunk.split(" ")
    i = 0
    while i < len(words) - 1 and (words[i] in _JOINERS or _is_type_word(words[i], g)):
        i += 1
    if i == 0:
        return at, chunk, []
    rest = " ".join(words[i:])
    close = gaz.closest(match_key(rest))
    return (at + len(chunk) - len(rest), rest, close) if close else (at, chunk, [])


#: How the name of a body ends: an unknown one glued onto names before it is one unknown name.
_BODY_ENDS = ("委员会", "研究院", "研究所", "研究中心", "中心", "基金", "办公室", "集团", "公司", "大学", "学院", "实验室",
              "平台", "协会", "联盟", "管委会", "局", "委", "厅", "园区", "示范区", "开发区", "科学城")


def _glued_body(skeleton: str, placed: list[tuple[int, Mention]], at: int, chunk: str) -> tuple[int, int, Mention]:
    """'北京市人工智能委员会' (session 13): no body of the graph, read as 北京市 + 人工智能 + an unknown '委员会',
    and declined for leaving 北京市 out, as if the question were about a committee of Beijing. A Chinese
    unknown name that ends like a body's name takes in the names written onto it (no word between), so the
    answer is "the graph has no node named 北京市人工智能委员会": a body it does not hold."""
    if not has_cjk(chunk) or not chunk.endswith(_BODY_ENDS):
        return at, at + len(chunk), Mention(chunk)
    names, start, text = dict(placed), at, chunk
    while True:
        before = skeleton[:start].rstrip(" ")
        i = len(before) - 1
        if i < 0 or skeleton[i] != ENTITY or i not in names or not has_cjk(names[i].text) or names[i].kind == "unknown":
            break
        start, text = i, names[i].text + text
    return start, at + len(chunk), Mention(text)


def _widened(skeleton: str, placed: list[tuple[int, Mention]], years: list[int], at: int, chunk: str,
             gaz: Gazetteer) -> tuple[int, int, Mention] | None:
    """'the Beijing 2022 Winter Olympics': Beijing (a name) and 2022 (a year) were read apart and
    'winter olympics' names nothing. English words left over are read again together with the names
    and years just before them, as one loose name (Beijing 2022 Olympic Winter Games), session 12."""
    names = dict(placed)
    start, words = at, []
    while True:
        before = skeleton[:start].rstrip()
        if not before or before[-1] not in (ENTITY, YEAR) or (before[-1] == ENTITY and len(before) - 1 not in names):
            break
        i = len(before) - 1
        if skeleton[i] == ENTITY:
            words.insert(0, names[i].text)
        else:
            k = skeleton.count(YEAR, 0, i)
            words.insert(0, str(years[k]) if k < len(years) else "")
        start = i
    words = [w for w in words if w]
    while words:  # the most words first, then fewer
        close = gaz.closest(match_key(" ".join(words + [chunk])))
        if close:
            key = close[0][0]
            return start, at + len(chunk), Mention(" ".join(words + [chunk]), tuple(sorted(gaz.names[key])), close[0][1])
        words.pop(0)
        start = _next_token(skeleton, start)
    return None


def _next_token(skeleton: str, start: int) -> int:
    """The index of the placeholder after the one at `start`."""
    for i in range(start + 1, len(skeleton)):
        if skeleton[i] in (ENTITY, YEAR):
            return i
    return start


def _typo(skeleton: str, placed: list[tuple[int, Mention]], at: int, chunk: str,
          gaz: Gazetteer) -> tuple[int, int, Mention] | None:
    """'怀柔科学成', '北京经济技术开法区': a misspelt Chinese name is cut by the exact names and cue words
    inside it (怀柔 is an alias, 技术 a cue). The Chinese run around the left-over words is read again as
    one name, one character off a graph name; the longest such reading wins (session 12)."""
    if not has_cjk(chunk):
        return None
    names = dict(placed)

    def piece(i: int) -> str:
        return names[i].text if skeleton[i] == ENTITY and i in names else skeleton[i]

    def joins(i: int) -> bool:
        return 0 <= i < len(skeleton) and (has_cjk(skeleton[i]) or (skeleton[i] == ENTITY and i in names))

    left, right = at, at + len(chunk)
    while joins(left - 1):
        left -= 1
    while joins(right):
        right += 1
    best = None
    longest = gaz.longest_cjk + 1  # a window longer than any name plus one character names nothing
    for i in range(max(left, at - longest), at + 1):
        text = "".join(piece(k) for k in range(i, at + len(chunk)))
        for j in range(at + len(chunk), right + 1):
            if j > at + len(chunk):
                text += piece(j - 1)
            if len(text) > longest:
                break
            if text in gaz.names:
                continue
            for key in gaz.misspelt(text):
                if best is None or len(key) > len(best[2]):
                    best = (i, j, key, text)
    if best is None:
        return None
    i, j, key, text = best
    return i, j, Mention(text, tuple(sorted(gaz.names[key])), FUZZY_CUTOFF)


# ---- which node a name means -------------------------------------------------

def _redirect(form: Form, mention: Mention, g: Grammar, types_of: dict[str, str]) -> Form:
    """fields of a Field is 'who focuses on it'; parts of a zone are its members."""
    if not form.otherwise:
        return form
    kinds = {types_of.get(i) for i in mention.ids}
    if any(form.takes(k) for k in kinds if k):
        return form
    return g.forms[form.otherwise]


TYPE_ORDER = ("Zone", "District", "Region", "Institution", "Program", "Fund", "Policy", "Project",
              "Event", "Field", "Metric", "Document")


def choose(mention: Mention, form: Form | None, types_of: dict[str, str],
           descriptors: list[str]) -> str | None:
    """One node for a name that fits several: the described type, the form's types, a fixed order."""
    if not mention.ids:
        return None
    if len(mention.ids) == 1:
        return mention.ids[0]

    def rank(node_id: str) -> tuple:
        t = types_of.get(node_id, "")
        return (t not in descriptors, bool(form) and not form.takes(t),
                bool(form) and form.example_type is not None and t != form.example_type,
                TYPE_ORDER.index(t) if t in TYPE_ORDER else len(TYPE_ORDER), node_id)

    return min(mention.ids, key=rank)
