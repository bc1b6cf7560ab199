"""CODA 2.x (Febelfin's coded statement of account): 128-character records, one per line.

Records: 0 header, 1 old balance, 2.1/2.2/2.3 a movement, 3.1/3.2/3.3 extra information, 4 free
communication, 8 new balance, 9 trailer. Positions below are 0-based slices of the Febelfin layout.

Why not the febelfin-coda package: it checks a file with `assert` (gone under `python -O`, which frozen
builds may use), reports neither the line nor the reason of a problem, and reads only what we also
read here; our own reader names the line of every problem, which is what a cluster manager needs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from stdnum import iban as stdnum_iban
from stdnum.be import ogm_vcs

from clustermanager.errors import FileFormatError
from clustermanager.i18n import _
from clustermanager.io.bank.statement import CODA, BankStatement, StatementLine, line_error
from clustermanager.text_safety import strip_controls
from clustermanager.validation import MAX_AMOUNT

RECORD_LENGTH = 128


@dataclass
class _Movement:
    line: int
    sequence: str
    bank_reference: str
    amount: Decimal
    booked_on: dt.date
    structured: str | None
    communication: list[str] = field(default_factory=list)
    counterparty_iban: str | None = None
    counterparty_name: str | None = None


class _Reader:
    def __init__(self, path: str | None):
        self.path = path
        self.n = 0
        self.rec = ""

    def fail(self, message: str) -> FileFormatError:
        return line_error(message, self.path, self.n)

    def digits(self, start: int, end: int, what: str) -> str:
        text = self.rec[start:end]
        if not text.isdigit():
            raise self.fail(_("{what} must be digits at positions {a}-{b}, found {text!r}").format(
                what=what, a=start + 1, b=end, text=text))
        return text

    def amount(self, sign_at: int, what: str) -> Decimal:
        """A sign (0 credit, 1 debit) followed by 15 digits with 3 decimals."""
        sign = self.rec[sign_at]
        if sign not in "01":
            raise self.fail(_("the sign of {what} must be 0 or 1, found {s!r}").format(what=what, s=sign))
        value = Decimal(self.digits(sign_at + 1, sign_at + 16, what)).scaleb(-3).quantize(Decimal("0.01"))
        if value > MAX_AMOUNT:  # 15 digits allow more than an amount column holds
            raise self.fail(_("{what} is too large: {value}").format(what=what, value=value))
        return -value if sign == "1" else value

    def date(self, start: int, what: str) -> dt.date:
        text = self.digits(start, start + 6, what)
        try:
            return dt.datetime.strptime(text, "%d%m%y").date()
        except ValueError:
            raise self.fail(_("{what} {text!r} is not a date (DDMMYY)").format(what=what, text=text)) from None


def _decode(data: bytes) -> list[str]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Belgian banks write Windows-1252
    # A control character in a name cannot be corrected by anyone: it becomes a space (one for one,
    # so every field keeps its position).
    return strip_controls(text.lstrip("\ufeff")).splitlines()


def _account(rec: str) -> str | None:
    """The account number of record 1 (an IBAN or an old Belgian number, without the currency)."""
    number = rec[5:42]
    return (number[:31] if rec[1] == "2" else number[:34]).split(" EUR")[0].strip() or None


def parse(data: bytes, path: str | None = None) -> BankStatement:
    """Every movement of every statement in the file; FileFormatError names the first bad line."""
    reader = _Reader(path)
    lines = _decode(data)
    movements: list[_Movement] = []
    account: str | None = None
    statement_no = ""
    year = ""
    current: _Movement | None = None
    expect_next: str | None = None  # "22" when a 2.1 announced a 2.2 or 2.3 (kind, lowest article)
    in_statement = False
    counted = 0
    totals = {"credit": Decimal(0), "debit": Decimal(0)}
    opening: Decimal | None = None
    for reader.n, raw in enumerate(lines, start=1):
        rec = raw.rstrip("\r\n")
        if not rec.strip():
            continue
        if len(rec) > RECORD_LENGTH:
            raise reader.fail(_("a CODA record has 128 characters, this one has {n}").format(n=len(rec)))
        reader.rec = rec = rec.ljust(RECORD_LENGTH)  # tolerate trailing spaces an editor trimmed
        kind = rec[0]
        if expect_next and not (rec[0] == expect_next[0] and expect_next[1] <= rec[1] <= "3"):
            raise reader.fail(_("a record {want}.x continuing the previous line was expected, found {got!r}").format(
                want=expect_next[0], got=rec[:2]))
        if kind == "0":
            if in_statement:
                raise reader.fail(_("a new statement starts before the previous one ended (record 9)"))
            if rec[127] != "2":
                raise reader.fail(_("only CODA version 2 is supported (position 128 is {v!r})").format(v=rec[127]))
            reader.date(5, _("the creation date"))
            in_statement, counted, opening = True, 0, None
            totals = {"credit": Decimal(0), "debit": Decimal(0)}
            continue
        if not in_statement:
            raise reader.fail(_("the file must start with a header record (type 0)"))
        if kind == "1":
            counted += 1
            account = _account(rec) or account
            statement_no = reader.digits(2, 5, _("the statement number"))
            opening = reader.amount(42, _("the old balance"))
            year = str(reader.date(58, _("the old balance date")).year)
        elif kind == "2":
            counted += 1
            article = rec[1]
            if article not in "123":
                raise reader.fail(_("unknown movement record 2.{a}").format(a=article))
            if article == "1":
                current = _movement_start(reader)
                if current.sequence.endswith("0000"):  # a detail (0001...) only breaks the movement down
                    movements.append(current)
                    totals["credit" if current.amount > 0 else "debit"] += abs(current.amount)
            elif current is None or current.sequence != rec[2:10]:
                raise reader.fail(_("record 2.{a} does not follow its movement (2.1)").format(a=article))
            elif article == "2":
                current.communication.append(rec[10:63])
            else:
                current.counterparty_iban = _counterparty_iban(rec[10:47])
                current.counterparty_name = rec[47:82].strip() or None
                current.communication.append(rec[82:125])
            expect_next = "2" + str(int(article) + 1) if rec[125] == "1" else None
        elif kind == "3":
            counted += 1
            if rec[1] not in "123":
                raise reader.fail(_("unknown information record 3.{a}").format(a=rec[1]))
            expect_next = "3" + str(int(rec[1]) + 1) if rec[125] == "1" else None
        elif kind == "4":
            continue
        elif kind == "8":
            counted += 1
            closing = reader.amount(41, _("the new balance"))
            if opening is not None and closing - opening != totals["credit"] - totals["debit"]:
                raise reader.fail(_("the new balance {new} does not follow from the old balance {old} and the movements")
                                  .format(new=closing, old=opening))
        elif kind == "9":
            number = int(reader.digits(16, 22, _("the number of records")))
            debit = Decimal(reader.digits(22, 37, _("the debit total"))).scaleb(-3).quantize(Decimal("0.01"))
            credit = Decimal(reader.digits(37, 52, _("the credit total"))).scaleb(-3).quantize(Decimal("0.01"))
            if number != counted:
                raise reader.fail(_("the trailer counts {n} records, the statement has {m}").format(n=number, m=counted))
            if (debit, credit) != (totals["debit"], totals["credit"]):
                raise reader.fail(_("the trailer totals (debit {d}, credit {c}) do not match the movements "
                                    "(debit {md}, credit {mc})").format(d=debit, c=credit, md=totals["debit"],
                                                                       mc=totals["credit"]))
            in_statement, current = False, None
        else:
            raise reader.fail(_("unknown record type {t!r} (CODA has 0, 1, 2, 3, 4, 8 and 9)").format(t=kind))
    if expect_next or in_statement:
        reader.n = len(lines)
        raise reader.fail(_("the file ends in the middle of a statement (no trailer record 9)"))
    if not lines or not any(line.strip() for line in lines):
        raise line_error(_("the file is empty"), path, 1)
    statement_id = f"{account or ''}/{year}/{statement_no}"
    return BankStatement(CODA, account, statement_id, tuple(
        _line(m, account, year, statement_no) for m in movements))


def _movement_start(reader: _Reader) -> _Movement:
    rec = reader.rec
    sequence = reader.digits(2, 10, _("the movement number"))
    amount = reader.amount(31, _("the amount"))
    booked_on = reader.date(115, _("the entry date"))
    structured = None
    communication = []
    if rec[61] == "1":
        code = rec[62:65]
        if code in ("101", "102"):
            digits = reader.digits(65, 77, _("the structured communication"))
            structured = digits if ogm_vcs.is_valid(digits) else None
            if structured is None:  # a typo the bank let through: keep it readable for matching by hand
                communication.append(digits)
        else:
            communication.append(rec[65:115])
    elif rec[61] == "0":
        communication.append(rec[62:115])
    else:
        raise reader.fail(_("the communication type at position 62 must be 0 or 1, found {t!r}").format(t=rec[61]))
    return _Movement(reader.n, sequence, rec[10:31].strip(), amount, booked_on, structured, communication)


def _counterparty_iban(text: str) -> str | None:
    candidate = text[:34].strip().replace(" ", "")
    return candidate if candidate and stdnum_iban.is_valid(candidate) else (candidate or None)


def _line(m: _Movement, account: str | None, year: str, statement_no: str) -> StatementLine:
    text = " ".join("".join(m.communication).split()) or None
    return StatementLine(
        line=m.line, bank_reference=f"coda:{account or ''}:{year}:{statement_no}:{m.sequence}:{m.bank_reference}"[:120],
        booked_on=m.booked_on, amount=m.amount.quantize(Decimal("0.01")), counterparty_name=m.counterparty_name,
        counterparty_iban=m.counterparty_iban, communication=text, structured_communication=m.structured,
    )
