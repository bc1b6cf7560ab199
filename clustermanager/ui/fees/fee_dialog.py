"""Add or change one category's fee in a year, with the legal ground when it carries no VAT.

A 0 % category needs its ground on every invoice (exempt with the accountant's article, reverse
charge, or outside the scope) and, when exempt, the VATEX code its e-invoices carry. The ground
fields are only open while the rate is 0, so a taxed fee cannot carry a ground by mistake, and an
edit keeps what was there (changing an amount never drops the article).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import QComboBox, QLineEdit

from clustermanager import validation as v
from clustermanager.errors import ValidationError
from clustermanager.i18n import _
from clustermanager.io.einvoice import vatex
from clustermanager.models.invoicing import VatGround
from clustermanager.services import fees
from clustermanager.ui.common.numbers import amount as as_amount
from clustermanager.ui.fees.dialogs import FormDialog


@dataclass(frozen=True)
class FeeValues:
    category: str
    amount: str
    vat_rate: str
    vat_ground: str | None
    vat_article: str | None
    vat_exemption_code: str | None


class FeeDialog(FormDialog):
    def __init__(self, year: int, parent=None, *, entry: fees.ScheduleEntry | None = None):
        super().__init__(_("Fee for {year}").format(year=year), _(
            "The fee before VAT and its VAT rate. A fee without VAT says why on the invoice."), parent)
        self.setMinimumWidth(620)  # the exemption codes' descriptions are long
        # a new category is typed as its code; an existing one shows its name (the code is fixed)
        self.category = QLineEdit(fees.category_label(entry.category) if entry else "")
        self.category.setReadOnly(entry is not None)
        self._code = entry.category if entry else None
        self.amount = QLineEdit(as_amount(entry.amount) if entry else "")
        self.vat = QLineEdit(f"{(entry.vat_rate if entry else Decimal('21')).normalize():f}")
        self.ground = QComboBox()
        for g in VatGround:
            self.ground.addItem(_(g.label), g.value)
        self.article = QLineEdit(entry.vat_article or "" if entry else "")
        self.article.setPlaceholderText(_("as your accountant names it, e.g. art. 44 §2 11° WBTW"))
        self.code = QComboBox()
        # long descriptions: the combo takes the width left, its labels keep theirs
        self.code.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.code.setMinimumContentsLength(30)
        self.code.addItem(_("(no code)"), None)
        for code in vatex.EXEMPT_CODES:
            self.code.addItem(vatex.describe(code), code)
        self.form.addRow(_("Category"), self.checks.add("category", self.category,
                                                        lambda t: v.clean_text(t, "category", required=True)))
        self.form.addRow(_("Amount excl. VAT"), self.checks.add("amount", self.amount, lambda t: v.money(t, "amount")))
        self.form.addRow(_("VAT rate (%)"), self.checks.add("vat", self.vat, lambda t: v.money(t, "vat_rate")))
        self.form.addRow(_("Ground for 0% VAT"), self.ground)
        self.form.addRow(_("Exemption article"), self.article)
        self.form.addRow(_("E-invoice exemption code"), self.code)
        ground = entry.vat_ground if entry and entry.vat_ground else VatGround.EXEMPT.value
        self.ground.setCurrentIndex(max(0, self.ground.findData(ground)))
        code = entry.vat_exemption_code if entry else None
        self.code.setCurrentIndex(max(0, self.code.findData(code)) if code else 0)
        self.vat.textChanged.connect(self._follow_rate)
        self.ground.currentIndexChanged.connect(self._follow_rate)
        self.code.currentIndexChanged.connect(self._follow_rate)
        self._follow_rate()

    def _zero_rate(self) -> bool:
        try:
            return v.money(self.vat.text(), "vat_rate") == 0
        except (ValidationError, InvalidOperation):
            return False

    def _follow_rate(self, *_args) -> None:
        zero = self._zero_rate()
        exempt = zero and self.ground.currentData() == VatGround.EXEMPT.value
        self.ground.setEnabled(zero)
        self.article.setEnabled(exempt)
        self.code.setEnabled(exempt)

    def values(self) -> FeeValues:
        zero = self._zero_rate()
        exempt = zero and self.ground.currentData() == VatGround.EXEMPT.value
        return FeeValues(self._code or self.category.text().strip(), self.amount.text(), self.vat.text(),
                         self.ground.currentData() if zero else None,
                         (self.article.text().strip() or None) if exempt else None,
                         self.code.currentData() if exempt else None)
