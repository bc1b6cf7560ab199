"""`import members|workbook FILE` and `export workbook FILE`: spreadsheets in and out.

An import prints new / updated / unchanged and the refused rows with their row numbers; the exit
status is 2 when any row was refused (the valid rows are imported unless --dry-run).
"""

from __future__ import annotations

from pathlib import Path

from clustermanager.cli import EXIT_OK, EXIT_USER
from clustermanager.cli.context import table
from clustermanager.i18n import _
from clustermanager.io import column_targets
from clustermanager.io.mapping import FIELD_BY_KEY, mapping_from_file, mapping_to_json
from clustermanager.io.sheets import read_table
from clustermanager.io.workbook_exchange import export_workbook
from clustermanager.io.workbook_versions import parse_take_workbook
from clustermanager.services.history import recording
from clustermanager.services.import_mappings import mapping_for, save_mapping
from clustermanager.services.member_import import RowOutcome, RowStatus, import_members, write_error_report
from clustermanager.services.workbook_import import WorkbookPreview, import_workbook


def _group(subparsers, name: str, help_text: str, common):
    """The sub-command group `name`, created once (another module may add actions to it too)."""
    parser = subparsers.choices.get(name) or subparsers.add_parser(name, help=help_text, parents=[common])
    actions = next((a for a in parser._subparsers._group_actions), None) if parser._subparsers else None
    return actions or parser.add_subparsers(dest="action", metavar="ACTION")


def register(subparsers, common) -> None:
    imports = _group(subparsers, "import", _("bring data in from spreadsheets"), common)
    p = imports.add_parser("members", help=_("members (and contacts) from any .xlsx or .csv list"), parents=[common])
    p.add_argument("file", help=_(".xlsx or .csv file"))
    p.add_argument("--sheet", help=_("the sheet to read (default: the first)"))
    p.add_argument("--header-row", type=int, metavar="N", help=_("the row that names the columns (default: found)"))
    p.add_argument("--mapping", metavar="FILE",
                   help=_('JSON file {"header": "field"}; default: the mapping remembered for these headers'))
    p.add_argument("--dry-run", action="store_true", help=_("only show what would change"))
    p.add_argument("--error-report", metavar="FILE", help=_("write the refused rows with a reason column"))
    p.set_defaults(handler=import_members_cmd)

    p = imports.add_parser("workbook", help=_("an edited exchange workbook (from `export workbook`)"),
                           parents=[common])
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help=_("only show what would change"))
    p.add_argument("--take-workbook", action="append", metavar="SHEET:ID",
                   help=_("for a conflict (a row changed in the database since the export): write the workbook's "
                          "values anyway; repeat per row, or `all`; without it conflicting rows are not written"))
    p.set_defaults(handler=import_workbook_cmd)

    exports = _group(subparsers, "export", _("send data out to spreadsheets"), common)
    p = exports.add_parser("workbook", help=_("everything in one documented workbook"), parents=[common])
    p.add_argument("file", help=_(".xlsx file to write"))
    p.set_defaults(handler=export_workbook_cmd)


def _error_rows(outcomes, sheet: str | None = None) -> list[dict]:
    return [{**({"sheet": sheet} if sheet else {}), "row": o.row,
             "columns": [p.column for p in o.problems if p.column], "reason": o.reason} for o in outcomes]


def _error_text(errors: list[dict]) -> str:
    lines = [_("Refused rows:")] if errors else []
    for e in errors:
        where = f"{e['sheet']} " if "sheet" in e else ""
        lines.append(f"  {where}{_('row')} {e['row']}: {e['reason']}")
    return "\n".join(lines)


def import_members_cmd(args, ctx) -> int:
    sheet = read_table(args.file, args.sheet, header_row=args.header_row)
    with ctx.db.session() as session:
        mapping = mapping_from_file(args.mapping, sheet.headers) if args.mapping else mapping_for(
            session, sheet.headers)
        result = import_members(session, sheet, mapping, dry_run=args.dry_run)
        if not args.dry_run:
            save_mapping(session, sheet.headers, mapping)
    preview = result.preview
    if args.error_report and preview.errors:
        write_error_report(preview, sheet, args.error_report)
    errors = _error_rows(preview.errors)
    data = {
        "file": args.file, "sheet": sheet.sheet, "header_row": sheet.header_row,
        "mapping": mapping_to_json(sheet.headers, mapping), "applied": result.applied,
        "new": result.created, "updated": result.updated, "unchanged": result.unchanged,
        "contacts_added": result.contacts_added, "contacts_updated": result.contacts_updated,
        "targets": column_targets.targets(sheet.headers, mapping),
        "refused": result.refused, "errors": errors,
        "changes": [_change_row(o) for o in preview.rows if o.changes],
    }
    mapped = ", ".join(f"{h} -> {_(FIELD_BY_KEY[k].label)}" for h, k in zip(sheet.headers, mapping, strict=True) if k)
    contacts = _("contacts: {added} to add, {updated} to update").format(
        added=result.contacts_added, updated=result.contacts_updated) if args.dry_run else _(
        "contacts: {added} added, {updated} updated").format(added=result.contacts_added,
                                                             updated=result.contacts_updated)
    text = "\n".join(filter(None, [
        _("Sheet {sheet}, header on row {row}; columns: {mapped}").format(sheet=sheet.sheet, row=sheet.header_row,
                                                                           mapped=mapped),
        table([[result.created, result.updated, result.unchanged, result.refused]],
              [_("new"), _("updated"), _("unchanged"), _("refused")]),
        contacts,
        _("Dry run: nothing was changed.") if args.dry_run else "",
        _error_text(errors),
    ]))
    ctx.emit(data, text)
    return EXIT_USER if result.refused else EXIT_OK


def _change_row(outcome: RowOutcome) -> dict:
    return {"row": outcome.row, "member": outcome.name,
            "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in outcome.changes]}


def _conflict_rows(result: WorkbookPreview) -> list[dict]:
    return [{"sheet": sheet, "row": o.row, "id": o.member_id, "name": o.name,
             "workbook_version": o.workbook_version, "database_version": o.database_version,
             "fields": [{"field": c.field, "workbook": c.new, "database": c.old} for c in o.changes]}
            for sheet, o in result.conflicts]


def _shown(value) -> str:
    return "—" if value in (None, "") else str(getattr(value, "value", value))


def _conflict_text(conflicts: list[dict], unversioned: tuple[str, ...]) -> str:
    lines = []
    if conflicts:
        lines.append(_("Conflicts: changed in the database since the export, not written (take the workbook's "
                       "values with --take-workbook SHEET:ID):"))
    for c in conflicts:
        lines.append("  " + _("{sheet} row {row} (id {id}, {name}): version {workbook} in the workbook, {database} in "
                              "the database").format(sheet=c["sheet"], row=c["row"], id=c["id"], name=c["name"] or "",
                                                     workbook=c["workbook_version"], database=c["database_version"]))
        for f in c["fields"]:
            lines.append("    " + _("{field}: workbook {workbook}, database {database}").format(
                field=f["field"], workbook=_shown(f["workbook"]), database=_shown(f["database"])))
    if unversioned:
        lines.append(_("These sheets have no version column (an older export), so changes made in the database "
                       "since the export cannot be detected: {sheets}").format(sheets=", ".join(unversioned)))
    return "\n".join(lines)


def import_workbook_cmd(args, ctx) -> int:
    choice = parse_take_workbook(args.take_workbook)
    label = _("Import of workbook {name}").format(name=Path(args.file).name)
    with ctx.db.session() as session, recording(session, "import", label):
        result = import_workbook(session, args.file, dry_run=args.dry_run, choice=choice)
    errors = [e for s in result.sheets for e in _error_rows([r for r in s.rows if r.status is RowStatus.ERROR],
                                                             s.sheet)]
    per_sheet = {s.sheet: {st.value: s.count(st) for st in RowStatus} for s in result.sheets}
    counts = result.counts
    data = {"file": args.file, "applied": result.applied, "new": counts["new"], "updated": counts["update"],
            "unchanged": counts["unchanged"], "refused": counts["error"], "sheets": per_sheet, "errors": errors}
    conflicts = _conflict_rows(result)
    data |= {"conflicted": counts["conflict"], "conflicts": conflicts,
             "taken_from_workbook": sum(1 for s in result.sheets for r in s.rows
                                        if r.status is RowStatus.UPDATE and r.database_version is not None),
             "versions_checked": not result.unversioned, "unversioned_sheets": list(result.unversioned)}
    rows = [[name, *counts.values()] for name, counts in per_sheet.items()]
    text = "\n".join(filter(None, [
        table(rows, [_("sheet"), _("new"), _("updated"), _("unchanged"), _("refused"), _("conflict")]),
        _("Dry run: nothing was changed.") if args.dry_run else "",
        _error_text(errors),
        _conflict_text(conflicts, result.unversioned),
    ]))
    ctx.emit(data, text)
    return EXIT_USER if counts["error"] or counts["conflict"] else EXIT_OK


def export_workbook_cmd(args, ctx) -> int:
    with ctx.db.session() as session:
        summary = export_workbook(session, args.file)
    text = table([[k, n] for k, n in summary.rows.items()], [_("sheet"), _("rows")]) + "\n" + _(
        "Written to {path}").format(path=summary.path)
    ctx.emit(summary, text)
    return EXIT_OK
