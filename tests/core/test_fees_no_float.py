"""Money in the fee modules never passes through float."""

from __future__ import annotations

import re
from pathlib import Path

import clustermanager

ROOT = Path(clustermanager.__file__).parent
FEE_MODULES = [
    "services/fees.py", "services/fee_schedule.py", "services/fee_calls.py", "services/payments.py", "services/self_funding.py", "services/bank_import.py",
    "services/fee_checks.py", "io/bank/__init__.py", "io/bank/statement.py",
    "io/bank/coda.py", "io/bank/camt053.py",
    "reports/invoices.py", "cli/fees.py", "cli/payments.py", "ui/fees/screen.py", "ui/fees/calls_table.py",
    "ui/fees/dialogs.py", "ui/fees/self_funding_panel.py", "ui/fees/member_tab.py",
    "services/self_funding_verdict.py",
]


def test_fee_modules_never_call_float():
    offenders = [f"{name}:{n}" for name in FEE_MODULES
                 for n, line in enumerate((ROOT / name).read_text(encoding="utf-8").splitlines(), start=1)
                 if re.search(r"\bfloat\(", line)]
    assert offenders == []
