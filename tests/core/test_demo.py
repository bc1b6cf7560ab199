import datetime as dt

from sqlalchemy import func, select

from clustermanager.demo import generate_demo, scale
from clustermanager.models import (
    Activity,
    ClusterProfile,
    Contact,
    FeeCall,
    Member,
    MemberKind,
    Participation,
    Payment,
    Project,
    SizeClass,
)
from clustermanager.services.integrity import run_checks


def test_demo_cluster_is_realistic_and_consistent(demo_db):
    with demo_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Member)) == 120
        kinds = dict(s.execute(select(Member.kind, func.count()).group_by(Member.kind)).all())
        assert set(kinds) == set(MemberKind) and kinds[MemberKind.COMPANY] > 60
        sizes = dict(s.execute(select(Member.size_class, func.count()).where(
            Member.kind == MemberKind.COMPANY).group_by(Member.size_class)).all())
        assert set(sizes) == set(SizeClass)
        years = {y for (y,) in s.execute(select(FeeCall.year).distinct())}
        assert years == {2022, 2023, 2024, 2025}
        assert s.scalar(select(func.count()).select_from(Payment)) > 0
        assert s.scalar(select(func.count()).select_from(Activity)) == 60
        assert s.scalar(select(func.count()).select_from(Participation)) > 600
        assert s.scalar(select(func.count()).select_from(Project)) == 25
        assert s.scalar(select(ClusterProfile.name)) == "Flanders Smart Industry Network"
        # nobody leaves before joining, and nothing lies in the future of the reference date
        assert s.scalar(select(func.max(Activity.starts_on))) <= dt.date(2025, 12, 31)
    assert run_checks(demo_db).ok


def test_same_seed_same_cluster(tmp_path):
    from clustermanager.db import open_database

    names = []
    for i in range(2):
        db = open_database(tmp_path / f"d{i}.cmdb")
        with db.session() as s:
            generate_demo(s, members=30, seed=11, year=2024)
            names.append([n for (n,) in s.execute(select(Member.name).order_by(Member.id))])
        db.close()
    assert names[0] == names[1]


def test_scale_matches_the_benchmark_cluster():
    assert scale(120) == {"activities": 60, "projects": 25}
    assert scale(1500) == {"activities": 300, "projects": 250}


def test_demo_addresses_are_plain_ascii_so_a_mail_server_takes_them(demo_db):
    with demo_db.session() as s:
        addresses = [a for a in s.scalars(select(Contact.email)) if a]
        names = "".join(s.scalars(select(Contact.first_name)))
        outside = [a for a in s.scalars(select(Participation.email)) if a]
    assert addresses and all(a.isascii() for a in addresses + outside)
    assert not names.isascii()  # the names keep their accents (Zoë, François)
