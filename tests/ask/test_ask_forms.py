"""The rules as data: forms.yaml loads, is checked, and every suggestion it makes can be answered."""

from __future__ import annotations

import pytest

from graph.ask import answer
from graph.ask.forms import FORMS_FILE, grammar, load
from graph.ask.run import RUNNERS

FORMS = list(grammar().forms.values())


def test_every_form_has_a_runner_phrasings_in_both_languages_and_words_for_the_user():
    for form in FORMS:
        assert form.query in RUNNERS, form.id
        assert form.patterns["zh"] and form.patterns["en"], form.id
        assert {"zh", "en", "zh_typed", "en_typed"} <= set(form.say), form.id
        assert {"zh", "en"} <= set(form.ask), form.id


@pytest.mark.parametrize("form", FORMS, ids=[f.id for f in FORMS])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_forms_own_example_question_reads_back_as_that_form(bundled, form, lang):
    """The suggestions `ask` fills must be questions the parser answers as the same query."""
    names = {"Zone": ("怀柔科学城", "Huairou Science City"), "Institution": ("市科委", "BMSTC"),
             "Fund": ("北京市科技创新基金", "Beijing S&T Innovation Fund"), "Region": ("河北", "Hebei"),
             "Field": ("人工智能", "artificial intelligence"), "Program": ("科技冬奥专项", "科技冬奥专项"),
             "Policy": ("怀柔科学城规划", "Huairou Science City Plan"),
             "Event": ("北京国际学术交流季", "Beijing International Academic Exchange Season")}
    pick = 0 if lang == "zh" else 1
    first = names[form.example_type or "Zone"][pick]
    second = names["Region"][pick]
    question = form.ask[lang].format(e=first, e2=second, year=2018)
    got = answer(bundled, question)
    assert got.query == form.query, f"{question!r} read as {got.query}"


def test_a_form_naming_an_unknown_type_is_refused_with_its_id(tmp_path):
    text = FORMS_FILE.read_text(encoding="utf-8").replace("example_type: Fund", "example_type: Funds", 1)
    bad = tmp_path / "forms.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="unknown node type 'Funds'"):
        load(bad)


def test_a_broken_pattern_is_refused_with_the_form_and_pattern(tmp_path):
    text = FORMS_FILE.read_text(encoding="utf-8").replace("'{E}.*(背后|靠山)'", "'{E}.*(背后|靠山'", 1)
    bad = tmp_path / "forms.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="form 'supporters', pattern"):
        load(bad)
