"""ISO 20022 camt.053 (bank-to-customer statement) XML, any version (.001.02 to .001.13).

Read through defusedxml's SAX parser: a DTD, entities or external references are refused. A small
tree of our own keeps each element's line, so a problem names the line it is on. Namespaces are
ignored (elements are matched by local name), which covers every camt.053 version.
"""

from __future__ import annotations

import datetime as dt
import xml.sax
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import defusedxml.sax
from defusedxml import DefusedXmlException

from clustermanager.i18n import _
from clustermanager.io.bank.statement import (
    CAMT053,
    BankStatement,
    StatementLine,
    line_error,
    structured_in_text,
)
from clustermanager.text_safety import strip_controls
from clustermanager.validation import MAX_AMOUNT


@dataclass
class Node:
    tag: str
    line: int
    attrs: dict[str, str]
    children: list[Node] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return strip_controls("".join(self.parts)).strip()  # a bank's text: nobody can correct it

    def find(self, path: str) -> Node | None:
        """The first descendant along 'A/B/C' (local names)."""
        node: Node | None = self
        for step in path.split("/"):
            node = next((c for c in node.children if c.tag == step), None) if node else None
        return node

    def findall(self, tag: str) -> list[Node]:
        return [c for c in self.children if c.tag == tag]

    def text_of(self, path: str) -> str | None:
        node = self.find(path)
        return node.text or None if node is not None else None


class _TreeBuilder(xml.sax.handler.ContentHandler):
    def __init__(self):
        super().__init__()
        self.stack: list[Node] = []
        self.root: Node | None = None
        self._locator = None

    def setDocumentLocator(self, locator):  # noqa: N802 (SAX API)
        self._locator = locator

    def startElement(self, name, attrs):  # noqa: N802
        line = self._locator.getLineNumber() if self._locator else 0
        node = Node(name.rsplit(":", 1)[-1], line, dict(attrs))
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)

    def endElement(self, name):  # noqa: N802
        self.stack.pop()

    def characters(self, content):
        if self.stack:
            self.stack[-1].parts.append(content)


def read_tree(data: bytes, path: str | None) -> Node:
    builder = _TreeBuilder()
    try:
        defusedxml.sax.parseString(data, builder, forbid_dtd=True)
    except DefusedXmlException as exc:
        line = builder._locator.getLineNumber() if builder._locator else 1
        raise line_error(_("the file declares a DTD or entities, which a bank statement never needs ({e})")
                         .format(e=type(exc).__name__), path, line) from None
    except xml.sax.SAXParseException as exc:
        raise line_error(_("not well-formed XML: {e}").format(e=exc.getMessage()), path, exc.getLineNumber()) from None
    except LookupError as exc:  # the XML declaration names an encoding Python does not know
        raise line_error(_("the XML declaration names an unknown encoding ({e})").format(e=exc), path, 1) from None
    if builder.root is None:
        raise line_error(_("the file is empty"), path, 1)
    return builder.root


def _required(node: Node, path: str, where: str | None) -> Node:
    found = node.find(path)
    if found is None or (not found.children and not found.text):
        raise line_error(_("<{tag}> has no <{path}>").format(tag=node.tag, path=path), where, node.line)
    return found


def _amount(node: Node, where: str | None) -> Decimal:
    try:
        value = Decimal(node.text)
    except InvalidOperation:
        raise line_error(_("{text!r} is not an amount").format(text=node.text), where, node.line) from None
    if not value.is_finite() or value < 0:
        raise line_error(_("{text!r} is not an amount").format(text=node.text), where, node.line)
    if value > MAX_AMOUNT:  # beyond what an amount column holds (and what Decimal can round to cents)
        raise line_error(_("{text!r} is too large an amount").format(text=node.text[:30]), where, node.line)
    currency = node.attrs.get("Ccy", "EUR")
    if currency != "EUR":
        raise line_error(_("only amounts in EUR are imported, this one is in {c}").format(c=currency), where, node.line)
    return value.quantize(Decimal("0.01"))


def _date(node: Node | None, parent: Node, where: str | None) -> dt.date:
    if node is None:
        raise line_error(_("<{tag}> has no booking date").format(tag=parent.tag), where, parent.line)
    text = node.text_of("Dt") or node.text_of("DtTm") or ""
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise line_error(_("{text!r} is not a date").format(text=text), where, node.line) from None


def parse(data: bytes, path: str | None = None) -> BankStatement:
    root = read_tree(data, path)
    body = root.find("BkToCstmrStmt")
    if root.tag != "Document" or body is None:
        raise line_error(_("this XML is not a camt.053 bank statement (no <BkToCstmrStmt>)"), path, root.line)
    statements = body.findall("Stmt")
    if not statements:
        raise line_error(_("the statement holds no <Stmt>"), path, body.line)
    lines: list[StatementLine] = []
    account = None
    ids = []
    for stmt in statements:
        stmt_id = _required(stmt, "Id", path).text
        ids.append(stmt_id)
        account = stmt.text_of("Acct/Id/IBAN") or stmt.text_of("Acct/Id/Othr/Id") or account
        booked: list[StatementLine] = []
        for index, entry in enumerate(stmt.findall("Ntry"), start=1):
            booked.extend(_entry_lines(entry, index, stmt_id, account, path))
        _check_balances(stmt, booked, path)
        lines.extend(booked)
    return BankStatement(CAMT053, account, ",".join(ids), tuple(lines))


def _entry_lines(entry: Node, index: int, stmt_id: str, account: str | None, path: str | None) -> list[StatementLine]:
    status = entry.text_of("Sts/Cd") or entry.text_of("Sts") or "BOOK"
    if status != "BOOK":  # pending or informational entries are not money received yet
        return []
    amount = _amount(_required(entry, "Amt", path), path)
    indicator = _required(entry, "CdtDbtInd", path).text
    if indicator not in ("CRDT", "DBIT"):
        raise line_error(_("<CdtDbtInd> must be CRDT or DBIT, found {v!r}").format(v=indicator), path,
                         entry.find("CdtDbtInd").line)
    sign = 1 if indicator == "CRDT" else -1
    booked_on = _date(entry.find("BookgDt") or entry.find("ValDt"), entry, path)
    entry_ref = entry.text_of("AcctSvcrRef") or entry.text_of("NtryRef")
    key = f"{account or ''}:{entry_ref}" if entry_ref else f"{account or ''}:{stmt_id}:{index}"
    details = [tx for d in entry.findall("NtryDtls") for tx in d.findall("TxDtls")] or [None]
    out = []
    for n, tx in enumerate(details, start=1):
        tx_amount = amount
        if tx is not None and len(details) > 1:
            node = tx.find("AmtDtls/TxAmt/Amt") or tx.find("Amt")
            if node is None:
                raise line_error(_("a batch entry's <TxDtls> has no amount of its own"), path, tx.line)
            tx_amount = _amount(node, path)
        out.append(_line(tx, entry, sign * tx_amount, booked_on, f"camt:{key}:{n}"[:120]))
    if len(details) > 1:
        total = sum((abs(line.amount) for line in out), Decimal(0))
        if total != amount:  # the bank booked `amount`: details adding up to more would invent money
            raise line_error(_("the entry of {amount} EUR has details adding up to {total} EUR; the statement "
                               "contradicts itself: ask the bank for a new export").format(
                amount=amount, total=total), path, entry.line)
    return out


def _balance(stmt: Node, codes: tuple[str, ...], path: str | None) -> tuple[Decimal, Node] | None:
    """The signed amount of the statement's balance of type `codes` (OPBD/PRCD, CLBD), if given."""
    for bal in stmt.findall("Bal"):
        code = bal.text_of("Tp/CdOrPrtry/Cd") or bal.text_of("Tp/CdOrPrtry/Prtry")
        if code in codes:
            value = _amount(_required(bal, "Amt", path), path)
            indicator = bal.text_of("CdtDbtInd") or "CRDT"
            return (value if indicator == "CRDT" else -value), bal
    return None


def _check_balances(stmt: Node, booked: list[StatementLine], path: str | None) -> None:
    """As for CODA: the closing balance must follow from the opening balance and the booked entries."""
    opening = _balance(stmt, ("OPBD", "PRCD"), path)
    closing = _balance(stmt, ("CLBD",), path)
    if opening is None or closing is None:
        return
    moved = sum((line.amount for line in booked), Decimal(0))
    if opening[0] + moved != closing[0]:
        raise line_error(_("the closing balance {new} does not follow from the opening balance {old} and the "
                           "entries ({moved}); the statement is incomplete or damaged").format(
            new=closing[0], old=opening[0], moved=moved), path, closing[1].line)


def _line(tx: Node | None, entry: Node, amount: Decimal, booked_on: dt.date, reference: str) -> StatementLine:
    source = tx if tx is not None else entry
    party = "Dbtr" if amount > 0 else "Cdtr"
    name = (source.text_of(f"RltdPties/{party}/Nm") or source.text_of(f"RltdPties/{party}/Pty/Nm"))
    iban = (source.text_of(f"RltdPties/{party}Acct/Id/IBAN"))
    structured_refs = [s.text_of("CdtrRefInf/Ref") for r in source.findall("RmtInf") for s in r.findall("Strd")]
    unstructured = " ".join(u.text for r in source.findall("RmtInf") for u in r.findall("Ustrd") if u.text) or None
    structured = next((c for c in (structured_in_text(ref) for ref in structured_refs if ref) if c), None)
    if structured is None:
        structured = structured_in_text(unstructured)
    if unstructured is None and structured_refs:
        unstructured = " ".join(r for r in structured_refs if r) or None
    return StatementLine(line=source.line, bank_reference=reference, booked_on=booked_on, amount=amount,
                         counterparty_name=name, counterparty_iban=iban, communication=unstructured,
                         structured_communication=structured)
