"""The passes of session 18 (s18-dev17) over the mentions found, in order: one line in extract.py for all of
them, so that the parallel helpers' edits of extract.py do not meet (issue 18, session 18)."""

from __future__ import annotations

from loaders.text import leading_words, level_sessions, own_country, titled_documents, town_names
from loaders.text.entities import Mention


def s18_dev17_pass(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` after the session-18 rules drawn from dev17 with dev12, dev14 and dev16: documents named by
    their titles, words that only lead into a name, 我国 as the issuer's country,
    a level + “两会”, a known place run on by a town's ending."""
    mentions = titled_documents.with_titled_documents(text, mentions)
    mentions = leading_words.without_leading_words(text, mentions)
    mentions = own_country.with_own_country(text, mentions)
    mentions = level_sessions.with_level_sessions(text, mentions)
    return town_names.without_town_names(text, mentions)
