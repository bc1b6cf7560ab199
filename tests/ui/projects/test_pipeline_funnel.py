"""The Projects screen shows the pipeline over the funding period as a funnel, with the service's counts."""

from clustermanager.services.cluster import get_profile
from clustermanager.services.project_pipeline import STAGES, pipeline


def test_the_funnel_shows_the_funding_periods_pipeline(window):
    screen = window.show_screen("projects")
    assert window.ctx.tasks.wait_idle()
    with window.ctx.db.session() as s:
        profile = get_profile(s)
        expected = pipeline(s, profile.funding_start, profile.funding_end)
    funnel = screen.funnel
    assert [n for _label, n in funnel.bars.counts] == [expected.stage(stage) for stage in STAGES]
    assert [label for label, _n in funnel.bars.counts] == ["Ideas", "Submitted", "Approved", "Started", "Completed"]
    assert expected.submitted > 0 and expected.approved > 0  # the demo submits its agency-funded projects
    assert funnel.title.text() == f"Pipeline {profile.funding_start.year}–{profile.funding_end.year}"
    assert "submitted to approved" in funnel.note.text() and "EUR" in funnel.note.text()
