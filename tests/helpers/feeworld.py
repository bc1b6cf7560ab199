"""A small hand-built cluster for the fee tests: figures one can check with a pencil."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from clustermanager.models import ClusterKind
from clustermanager.services import cluster, fees
from clustermanager.services import members as msvc

YEAR = 2025


def build(session, *, budget: str = "10000", subsidy: str = "5000") -> dict[str, int]:
    """Profile (IBN, 50 %), a schedule for 2025 and four members; returns member ids by short name."""
    cluster.save_profile(session, cluster.ProfileData(
        name="Test Cluster", kind=ClusterKind.IBN, enterprise_number="0417497106", street="Dok 1",
        postcode="9000", municipality="Gent", iban="BE71096123456769", bic="GKCCBEBB",
        funding_rate=Decimal("0.5")))
    cluster.set_year(session, YEAR, Decimal(budget), Decimal(subsidy))
    fees.set_fee(session, YEAR, "small", "1000", "21")
    fees.set_fee(session, YEAR, "large", "3000", "21")
    fees.set_fee(session, YEAR, "government", "500", "0")
    ids = {}
    for key, kind, size, joined, left in (
        ("acme", "company", "small", dt.date(2020, 1, 1), None),
        ("big", "company", "large", dt.date(2021, 5, 1), None),
        ("city", "government", None, dt.date(2022, 3, 1), None),
        ("late", "company", "small", dt.date(2025, 7, 10), None),
        ("gone", "company", "small", dt.date(2019, 1, 1), dt.date(2024, 6, 30)),
    ):
        detail = msvc.create_member(session, msvc.MemberInput(name=key.title() + " NV", kind=kind, size_class=size,
                                                              joined_on=joined, left_on=left))
        msvc.add_contact(session, detail.id, msvc.ContactInput(first_name="Ann", last_name=key.title(),
                                                               email=f"ann@{key}.example"))
        ids[key] = detail.id
    return ids
