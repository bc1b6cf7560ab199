from __future__ import annotations

import pytest

from clustermanager.reports.figures import build_report
from tests.core.reports import world


@pytest.fixture
def world_db(db):
    with db.session() as s:
        world.build(s)
    return db


@pytest.fixture
def report(world_db):
    with world_db.session() as s:
        return build_report(s, world.PERIOD, today=world.TODAY)
