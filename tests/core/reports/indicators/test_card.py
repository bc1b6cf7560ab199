import datetime as dt

from clustermanager.reports.indicators import store
from clustermanager.reports.indicators.card import indicators_card


def test_the_card_names_those_behind_first_and_turns_red(world_db):
    with world_db.session() as s:
        assert indicators_card(s, today=dt.date(2025, 12, 31))[0] == "–"
        store.set_target(s, "activities", 2025, "2")  # 2: on track
        store.set_target(s, "members", 2025, "10")  # 4: behind
        store.set_target(s, "distinct_participants", 2025, "4.2")  # 4: at risk
        value, note, tone, tooltip = indicators_card(s, today=dt.date(2025, 12, 31))
    assert value.count("●") == 3 and value.endswith("&nbsp;1")
    assert note == "1 behind, 1 at risk, 1 on track. Behind first: Members at year end, Distinct participants"
    assert tone == "warning"
    assert "10 %" in tooltip
