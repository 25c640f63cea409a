"""Session 16: a director's questions on one zone's story (data/questions/session16.yaml), one test per
mechanism fixed. Memory store, the bundled 2018 graph."""

from __future__ import annotations

from graph.ask import answer

HSC = "zone-huairou-science-city"


def _ids(got) -> set[str]:
    return {i.node.id for i in got.items}


# ---- "funding" is money: a fund, not every supporter ------------------------------------------------------

def test_does_a_zone_get_funding_is_no_when_no_fund_supports_it(bundled):
    # was "Yes: supporters of Huairou Science City: 5 — …" (plans, the key task, the commission: none a fund)
    got = answer(bundled, "Does Huairou Science City get any funding?")
    assert got.query == "supporters" and got.params["types"] == ["Fund"]
    assert got.status == "empty" and got.summary.startswith("No:")
    # its supporters are still said, as related, not as the answer
    assert "institution-beijing-municipal-science-technology-commission" in {i.node.id for i in got.related}


def test_funding_of_a_fund_still_lists_funds(bundled):
    got = answer(bundled, "Which funding does the Beijing S&T Innovation Fund invest in?")
    assert got.status == "answered" and all(i.node.type == "Fund" for i in got.items)


def test_who_funds_a_zone_is_still_its_supporters(bundled):
    # the verb is no filter: who funds X is who supports it (a type word before a name is a verb)
    got = answer(bundled, "Who funds Huairou Science City?")
    assert got.query == "supporters" and got.params["types"] == [] and HSC not in _ids(got) and got.count == 5
