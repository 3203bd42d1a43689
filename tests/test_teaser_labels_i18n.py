"""The "read also"-type teaser labels added to rules/phrases/teasers (news7): each opens a line
that UI002 removes with the linked headline after it, and prose that starts with the same
words is kept."""

from __future__ import annotations

import pytest

from cleaner import Options, clean

BEFORE = "The council voted on Tuesday evening to close the old bridge to all cars for a year."
AFTER = "Work on the bridge will start in May and last until the end of next spring, the mayor said."


@pytest.mark.parametrize("line", [
    "Lisez aussi : Le gouvernement recule sur la réforme des retraites",
    "Lisez également",
    "À lire absolument : les dix films de l'été",
    "Lee además: El Gobierno aprueba el nuevo presupuesto",
    "Lea además",
    "Также читайте: Правительство отступает от реформы",
    "Читайте также по теме: Выборы в Москве",
    "Bu haberler de ilginizi çekebilir",
])
def test_teaser_label_line_is_removed(options: Options, line: str) -> None:
    res = clean(f"{BEFORE}\n{line}\n{AFTER}", options)
    assert line not in res.text
    assert BEFORE in res.text and AFTER in res.text
    assert any(rem.rule == "UI002" and line in rem.text for rem in res.removed)


@pytest.mark.parametrize("line", [
    "Lisez aussi les rapports de la commission, qui a siégé mardi à Bruxelles pendant trois longues heures, pour comprendre pourquoi le vote du budget a été reporté.",
    "Lee además los informes que la comisión publicó el martes en Bruselas después de tres horas de debate sobre el presupuesto del año próximo.",
])
def test_prose_opening_with_a_label_stays(options: Options, line: str) -> None:
    res = clean(f"{BEFORE}\n{line}\n{AFTER}", options)
    assert line in res.text
