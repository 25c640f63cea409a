"""Media, portals and news accounts named by the page's own news conventions (Institutions).

Why: reposted news pages name their source by short names with no ending the suffix grammar reads
(人民网, 千龙网, 北青报, 九龙融媒, 首都之窗, 北京发布), so the byline, the dateline and the reporter's
credit were lost. The news page itself says which words are a medium; these are read here:

- a source line: 来源: 各界新闻网—各界导报 (every name after 来源/稿源/转自, split at — and 、);
- a dateline or a news credit: 人民网北京12月28日电, 九龙融媒讯(记者…), 北青报记者了解到, 据千龙网报道;
- a quoted account with its channel word: 官方微博“北京发布”, “首都之窗”门户网站;
- a date-and-time byline ending in a name: 2021-07-09 11:37 千龙网.

Except in the quoted and source forms (which say it themselves), the name must end like a medium
(网, 报, 社, 台, 融媒, 发布, 新闻 …: `MEDIA_HEADS`), and generic words are never names (本报, 记者站,
新闻: `NOT_MEDIA`). Names the page states nowhere in these forms come from the small public list in
media.yaml (read by `listed.py`).
"""

from __future__ import annotations

import re

from loaders.text.entities import EntityFinder, Mention

CONF = 0.7
KIND = "media"
NAME = r"[\u4e00-\u9fffA-Za-z0-9]{2,12}"
MEDIA_HEADS = ("网", "报", "社", "台", "融媒", "发布", "新闻", "之窗", "客户端", "视", "在线", "频道", "传媒")
#: channel words after a name that are not part of it (北京日报客户端 names 北京日报)
CHANNELS = re.compile(r"(?:客户端|APP|app|官方微博|官方微信|微信公众号|公众号|官微|微博|门户网站|官网|网站)$")
NOT_MEDIA = {"本报", "本网", "本站", "本台", "本刊", "我报", "我网", "网络", "互联网", "原创", "综合", "网友", "作者",
             "未知", "新闻", "微信", "微博", "公众号", "记者", "通讯员", "图片", "视频", "电视台", "报社", "新华社"}
#: openings and endings of words that name no medium: 全国各地电视台 (many), 作者供图 (a credit)
NOT_OPENING = ("本", "我", "全国", "各地", "各大", "各级", "各类", "各家", "多家", "国内", "国外", "境内", "境外", "海外",
               "中外", "主流", "地方", "当地", "有关", "相关", "作者", "编辑", "网友", "图片", "视频")
NOT_ENDING = ("供图", "摄", "整理", "提供", "原创", "综合", "编辑")
SOURCE = re.compile(r"(?:文章来源|信息来源|新闻来源|稿件来源|稿源|来源于|来源|转载自|转自|出处)\s*:\s*"
                    r"(" + NAME + r"(?:\s*[—\-、/]\s*" + NAME + r")*)")
DATELINE = re.compile(r"([\u4e00-\u9fffA-Za-z]{2,12})(?:\d{1,2}月\d{1,2}日|[\u4e00-\u9fff]{2,3}\d{1,2}月\d{1,2}日)电")
CREDIT = re.compile(r"(" + NAME + r")(?:讯|记者|报道)")
REPORTED = re.compile(r"据(" + NAME + r")(?:报道|消息|讯)")
QUOTED = re.compile(r"(?:官方微博|官方微信|微信公众号|公众号|客户端|官微)\s*“(" + NAME + r")”"
                    r"|“(" + NAME + r")”\s*(?:门户网站|网站|客户端|微信公众号|官方微博|公众号|APP|app)")
BYLINE = re.compile(r"(?m)^\s*(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s+"
                    r"(" + NAME + r")\s*$")
#: a dateline's place between the medium and the date (人民网|北京|12月28日电)
MAX_RUN = 14
RUN_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
LEADS = ("据", "接受", "经", "向", "对", "被", "受", "由", "和", "与", "及", "在")
INNER_LEADS = ("接受", "据", "经", "被", "向")  # a lead word inside the run: the name starts after it
PLACE_TAIL = re.compile(r"(?:北京|上海|天津|重庆|香港|澳门|[\u4e00-\u9fff]{2}市?)$")


def media_mentions(finder: EntityFinder, text: str) -> list[Mention]:
    """Every medium the page names in one of its news forms."""
    out: dict[tuple[int, int], Mention] = {}
    for m in SOURCE.finditer(text):
        at = m.start(1)
        for piece in re.split(r"(\s*[—\-、/]\s*)", m.group(1)):
            if piece and not re.fullmatch(r"\s*[—\-、/]\s*", piece):
                _add(out, text, at, at + len(piece), headed=False, finder=finder)
            at += len(piece)
    for m in QUOTED.finditer(text):
        g = 1 if m.group(1) else 2
        _add(out, text, m.start(g), m.end(g), headed=False)
    for m in BYLINE.finditer(text):
        _add(out, text, m.start(1), m.end(1), headed=True)
    for m in DATELINE.finditer(text):
        start, end = _word_run(text, m.start(1), m.end(1))
        if not _headed(text[start:end]):  # 人民网北京|12月28日电: the place is the dateline's
            place = PLACE_TAIL.search(text, start, end)
            end = place.start() if place else end
        _add(out, text, start, end, headed=True)
    for pattern in (CREDIT, REPORTED):
        for m in pattern.finditer(text):
            start, end = _word_run(text, m.start(1), m.end(1))
            _add(out, text, start, end, headed=True)
    return list(out.values())


def _word_run(text: str, start: int, end: int) -> tuple[int, int]:
    """The name right before a credit word: the whole run of characters from a hard boundary (a line
    start, punctuation, a space) to `end`, a lead word (据, 接受 …) before it taken off (接受|人民网|记者);
    (end, end) when the run starts inside a sentence (the name's start is then unknown)."""
    at = end
    while at > 0 and end - at < MAX_RUN and RUN_CHAR.match(text[at - 1]):
        at -= 1
    if at > 0 and RUN_CHAR.match(text[at - 1]):
        return end, end
    lead = next((w for w in LEADS if text.startswith(w, at) and end - at - len(w) >= 2), "")
    at += len(lead)
    inner = max((text.rfind(w, at, end - 2) + len(w) for w in INNER_LEADS if text.rfind(w, at, end - 2) >= 0),
                default=at)
    return inner, end  # 不少企业接受|东城在线|记者


def _headed(name: str) -> bool:
    return name.endswith(MEDIA_HEADS)


def _add(out: dict, text: str, start: int, end: int, headed: bool, finder: EntityFinder | None = None) -> None:
    """One medium at [start, end), a channel word after it cut off; a body the suffix grammar names
    (来源: 北京市科学技术委员会) is left to it."""
    name = text[start:end].strip()
    channel = CHANNELS.search(name)
    if channel and channel.start() >= 2:
        name, end = name[:channel.start()], start + channel.start()
    if len(name) < 2 or name in NOT_MEDIA or name.startswith(NOT_OPENING) or name.endswith(NOT_ENDING) \
            or headed and not _headed(name):
        return
    if name.endswith(("记者", "通讯员")) or finder is not None and finder._suffix_at_end(name):
        return
    out.setdefault((start, end), Mention(start, end, name, "Institution", CONF, "pattern", name, kind=KIND))
