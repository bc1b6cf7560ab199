"""Validate UBL e-invoices with the official rule sets, offline, before a file is written.

The rules in `rules/` are third-party artefacts shipped unchanged with their licences:
- `EN16931-UBL-validation.xslt`: CEN's EN 16931 business rules for UBL (EUPL 1.2), validation 1.3.16;
- `PEPPOL-EN16931-UBL.xsl`: OpenPeppol's BIS Billing 3.0 rules (release 3.0.19), compiled from the
  Schematron with SchXslt 1.10 (MIT).
Saxon-HE (`saxonche`, no Java) runs them; the compiled rules are kept for the life of the process.
Each run gives an SVRL report; every `failed-assert` flagged fatal is a failure.
"""

from __future__ import annotations

import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

RULES_DIR = Path(__file__).resolve().parent / "rules"
RULE_SETS = {"EN16931": RULES_DIR / "EN16931-UBL-validation.xslt", "PEPPOL": RULES_DIR / "PEPPOL-EN16931-UBL.xsl"}
_ASSERT = re.compile(r"<svrl:failed-assert\b([^>]*)>(.*?)</svrl:failed-assert>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_TEXT = re.compile(r"<svrl:text>(.*?)</svrl:text>", re.S)

_lock = threading.Lock()
_state: dict = {}


@dataclass(frozen=True)
class RuleFailure:
    rule_set: str  # EN16931 or PEPPOL
    rule: str  # BR-CO-16, PEPPOL-EN16931-R008 ...
    flag: str  # fatal or warning
    text: str

    def __str__(self) -> str:
        return f"{self.rule} ({self.rule_set}): {self.text}"


def _executables():
    if "compiled" not in _state:
        from saxonche import PySaxonProcessor

        proc = PySaxonProcessor(license=False)
        xslt = proc.new_xslt30_processor()
        _state["proc"] = proc
        _state["compiled"] = {name: xslt.compile_stylesheet(stylesheet_file=str(path))
                              for name, path in RULE_SETS.items()}
    return _state["proc"], _state["compiled"]


def _failures(rule_set: str, svrl: str) -> list[RuleFailure]:
    found = []
    for attrs, body in _ASSERT.findall(svrl):
        a = dict(_ATTR.findall(attrs))
        text = _TEXT.search(body)
        found.append(RuleFailure(rule_set, a.get("id", "?"), a.get("flag", "fatal"),
                                 " ".join((text.group(1) if text else "").split())))
    return found


def validate_xml(xml: bytes, *, warnings: bool = False) -> list[RuleFailure]:
    """The rules `xml` breaks (fatal ones; with `warnings` also the warnings). Empty: it passes."""
    with _lock, tempfile.TemporaryDirectory(prefix="cm-einvoice-") as folder:
        proc, compiled = _executables()
        path = Path(folder) / "document.xml"
        path.write_bytes(xml)
        out: list[RuleFailure] = []
        for name, executable in compiled.items():
            svrl = executable.transform_to_string(source_file=str(path))
            if svrl is None:
                out.append(RuleFailure(name, "not-xml", "fatal", "the rules could not read the file"))
                continue
            out += [f for f in _failures(name, svrl) if warnings or f.flag == "fatal"]
    return out
