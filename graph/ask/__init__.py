"""Questions in Chinese or English -> graph queries -> answers with evidence (issue 10).

    from graph.ask import answer
    answer(GraphQueries(store), "哪些计划支持怀柔科学城？")

Deterministic and offline: no network, no language model. The question forms
are data (forms.yaml); docs/ask.md lists them.
"""

from graph.ask.answer import answer
from graph.ask.gazetteer import forget
from graph.ask.model import Answer
from graph.ask.parser import MAX_CHARS

__all__ = ["Answer", "MAX_CHARS", "answer", "forget"]
