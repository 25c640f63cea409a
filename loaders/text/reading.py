"""Reading a report: bytes -> decoded original text -> normalised body view.

A report comes as the bundled .txt (a `key: value` header ending in `---`,
then the body), as a scraped page (site navigation around the body), or as
HTML. Whatever the form, `read_report` returns the original decoded text (all
offsets point into it) and a `MappedText` view of the body only: page chrome
dropped, tags dropped, entities decoded, full width folded, Traditional turned
Simplified. A file that is empty, binary or in no known encoding is a
`LoadError` that says which.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import LoadError
from graph.text import slugify
from loaders.text import page
from loaders.text.html import html_view
from loaders.text.mapped import MappedText

HEADER_END = "---"
HEADER_KEY = re.compile(r"^([a-z_]+)\s*:\s*(.*)$")
DATE = re.compile(r"((?:19|20)\d\d)\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
YEAR_IN_TITLE = re.compile(r"((?:19|20)\d\d)\s*年")
SENTENCE_MARK = re.compile(r"[。，,；;！!？?]")
HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、](?!\d))")
CHROME = re.compile(r"跳至主要内容|跳转到主要内容|上一篇|下一篇|浏览[:：]?\s*\d|编辑[:：]|打印本页|关闭窗口|分享到|【字体|^\s*(?:关闭|首页|返回顶部)\s*$")
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)
CONTENT_MIN = 30

#: Pinyin some mirrors write after converted characters: 區(qū), 產(chǎn)業(yè) (dropped from the view only)
PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")


@dataclass
class Report:
    """One decoded report: the original text, its body view and what it says about itself."""

    path: Path
    original: str
    body: MappedText
    encoding: str
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def doc_id(self) -> str:
        return slugify(self.path.stem) or "report"

    @property
    def title(self) -> str:
        return self.meta.get("title") or self.path.stem

    @property
    def year(self) -> int | None:
        for key in ("year", "title", "date"):
            found = re.search(r"(?:19|20)\d\d", self.meta.get(key, ""))
            if found and (key != "title" or YEAR_IN_TITLE.search(self.meta["title"])):
                return int(found.group())
        return None


def read_report(path: Path) -> Report:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"{path}: cannot read: {exc.strerror}") from None
    original, encoding = decode(data, str(path))
    if path.suffix.lower() in (".html", ".htm") or _looks_like_html(original):
        view, meta = html_view(original)
    else:
        view, meta = _text_view(original)
    body = strip_chrome(view.folded().drop(PINYIN), meta)
    if not body.text.strip():
        raise LoadError(f"{path}: no report text after removing the header and page chrome")
    return Report(path, original, body, encoding, meta)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of `data` and the encoding it was in; a LoadError for empty, binary or unknown bytes."""
    if not data.strip():
        raise LoadError(f"{name}: the file is empty")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    nul = data.find(b"\x00")
    if nul != -1:
        raise LoadError(f"{name}: a binary file, not text (NUL byte at offset {nul})")
    declared = META_CHARSET.search(data[:4096])
    candidates = ([declared.group(1).decode("ascii").lower()] if declared else []) + ["utf-8", "gb18030", "big5"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if encoding == "gb18030" and _rare_share(text) > 0.2:
            continue  # decodes, but as gibberish: most likely Big5
        if _control_share(text) > 0.05:
            raise LoadError(f"{name}: a binary file, not text (control characters throughout)")
        return text, encoding
    raise LoadError(f"{name}: cannot decode the file as UTF-8, GB18030 or Big5 text")


def _rare_share(text: str) -> float:
    """Share of Chinese characters outside GB2312 (the common ones): high for Big5 read as GB18030."""
    cjk = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not cjk:
        return 0.0
    rare = 0
    for ch in cjk:
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            rare += 1
    return rare / len(cjk)


def _control_share(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls / max(len(text), 1)


def _looks_like_html(text: str) -> bool:
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def _text_view(original: str) -> tuple[MappedText, dict[str, str]]:
    """The body after an optional `key: value` header closed by a `---` line."""
    meta: dict[str, str] = {}
    offset = 0
    lines = original.splitlines(keepends=True)
    for i, line in enumerate(lines[:40]):
        if line.strip() == HEADER_END and i > 0:
            found = [HEADER_KEY.match(h.strip()) for h in lines[:i] if h.strip()]
            if all(found):
                meta = {m.group(1): m.group(2).strip() for m in found}
                offset = sum(len(h) for h in lines[: i + 1])
            break
    return MappedText.identity(original, offset), meta


def strip_chrome(view: MappedText, meta: dict[str, str]) -> MappedText:
    """The run of lines from the first to the last line of prose, without navigation lines.

    Fills `meta` with a title and date found just above the body when the file had none.
    """
    lines = _lines(view)
    prose = [k for k, (i, j) in enumerate(lines) if _is_prose(view.text[i:j])]
    if not prose:
        return view
    first, last = prose[0], prose[-1]
    while first > 0 and HEADING.match(view.text[slice(*lines[first - 1])]):
        first -= 1
    _meta_from_lines(view, lines[:first], meta)
    texts = [view.text[i:j] for i, j in lines]
    byline = "" if meta.get("publisher") else page.byline_publisher(texts[max(0, first - page.LOOK):first + 3])
    if byline:
        meta["publisher"] = byline
    first, last = page.extent(texts, [first, *prose[1:]], lambda line: bool(CHROME.search(line)))
    out = MappedText()
    for i, j in lines[first: last + 1]:
        line = view.text[i:j]
        if line.strip() and (not CHROME.search(line) or page.BYLINE.search(line)):  # 来源:区政府办 … 【字体:
            i += len(line) - len(line.lstrip())
            j -= len(line) - len(line.rstrip())
            if out.text:
                out.append("\n", view.starts[i], view.starts[i])
            out.extend(view.slice(i, j))
    return out


def _lines(view: MappedText) -> list[tuple[int, int]]:
    out, at = [], 0
    for line in view.text.splitlines(keepends=True):
        out.append((at, at + len(line.rstrip("\r\n"))))
        at += len(line)
    return out


def _is_prose(line: str) -> bool:
    line = line.strip()
    return len(line) >= CONTENT_MIN and bool(SENTENCE_MARK.search(line)) and not CHROME.search(line)


def _meta_from_lines(view: MappedText, lines: list[tuple[int, int]], meta: dict[str, str]) -> None:
    """Title and date of a scraped page: the last title-like and date lines above the body."""
    for i, j in reversed(lines[-6:]):
        line = view.text[i:j].strip()
        date = DATE.search(line)
        if date and "date" not in meta:
            meta["date"] = "{}-{:02d}-{:02d}".format(*map(int, date.groups()))
        elif "title" not in meta and 6 <= len(line) <= 80 and not CHROME.search(line) \
                and re.search(r"[\u4e00-\u9fff]{4}", line) and "|" not in line:
            meta["title"] = line
