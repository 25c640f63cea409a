"""A category word that runs on into a name ending of another type types the list by that ending
(issue 18, session 13).

Why: 北京中关村移动互联网、深圳高新区下一代互联网创新型产业集群、惠州云计算智能终端创新型产业集群等10个产业集群 (dev3,
MOST's list of cluster pilots): the list rule read the category 产业 (industries: its items are Fields) at the
start of 产业集群 and typed the clusters as Fields, although 产业集群 is a Zone's ending (rules.yaml: a named
industrial cluster is a Zone). When the words after 等 begin with a suffix ending longer than the category word
and of another type (产业|集群, 产业|园), the list counts things of that ending: its items take the ending's type
(北京中关村移动互联网, written short before the shared ending, is a cluster).
"""

from __future__ import annotations

from dataclasses import replace


def retyped(finder, text: str, at: int, category):
    """The category at `at`, typed by the longer name ending it opens (产业|集群 -> Zone), or as it was."""
    ending = max((s for s in finder.rules.suffixes if len(s.end) > len(category.word) and s.end.startswith(category.word)
                  and s.type != category.type and text.startswith(s.end, at)), key=lambda s: len(s.end), default=None)
    if ending is None:
        return category
    return replace(category, word=ending.end, type=ending.type, kind=ending.kind, derive=None)
