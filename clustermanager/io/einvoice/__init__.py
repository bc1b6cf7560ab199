"""Peppol BIS Billing 3.0 e-invoices: UBL 2.1 `Invoice` / `CreditNote` files and their validation.

- `document`: the plain data one e-invoice carries (no database, no reports).
- `ubl.build_xml`: that data as UBL 2.1 XML with the BIS 3.0 customization and profile identifiers.
- `validate.validate_xml`: the official rule sets (CEN EN 16931 UBL rules and OpenPeppol's BIS 3.0
  rules, compiled to XSLT, shipped in `rules/` with their licences) run by Saxon-HE (`saxonche`).
"""
