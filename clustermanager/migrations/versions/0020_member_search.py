"""member search: the register's sort keys, contact names and search text per member, kept by triggers

Revision ID: 0020_member_search
Revises: 0019_project_pipeline
Create Date: 2026-12-02

`member_search` holds one row per member: a key per sortable column of the register (lower-case where
the register sorts without case, never NULL, so every order is an index scan and a position a range
count), the filter columns, the contact names ("Main contact, others", as the register shows them) and
the lower-case search text (name, enterprise and VAT number, municipality, postcode, contact names).
Triggers on `member` and `contact` keep it in step with every write (a form, an import, an undo, the
trash, the demo), so no code path can forget it. On SQLite an FTS5 table with the trigram tokenizer
indexes the search text (external content: only the index, the text is stored once); on PostgreSQL the
register searches the normalised text with LIKE (docs/architecture.md, "The member register").
"""
from alembic import op

revision = '0020_member_search'
down_revision = '0019_project_pipeline'
branch_labels = None
depends_on = None

# (column, expression over the member `m`); {max_date} is the dialect's 9999-12-31
KEYS = (
    ("name_key", "lower(m.name)"),
    ("kind", "m.kind"),
    ("size_key", "coalesce(m.size_class, 'zz')"),  # unknown size last, as the register sorted it
    ("enterprise_key", "coalesce(m.enterprise_number, '')"),
    ("vat_key", "coalesce(m.vat_number, '')"),
    ("postcode_key", "coalesce(m.postcode, '')"),
    ("municipality_key", "lower(coalesce(m.municipality, ''))"),
    ("province_key", "coalesce(m.province, '')"),
    ("country_key", "m.country"),
    ("fee_key", "coalesce(m.fee_category, '')"),
    ("joined_on", "m.joined_on"),
    ("left_on", "m.left_on"),
    ("left_key", "coalesce(m.left_on, {max_date})"),  # still a member: last
)
SORTED = [k for k, _e in KEYS if k not in ("name_key", "left_on")] + ["contacts_key"]
TEXT_FIELDS = ("enterprise_number", "vat_number", "municipality", "postcode")  # after the name, empty ones left out

def _table(sqlite: bool) -> str:
    date = "TEXT" if sqlite else "date"
    text = "TEXT" if sqlite else 'text COLLATE "C"'  # code-point order, as Python sorted the register
    columns = ["member_id INTEGER NOT NULL PRIMARY KEY REFERENCES member (id) ON DELETE CASCADE"]
    for name, _expr in KEYS:
        kind = date if name in ("joined_on", "left_on", "left_key") else text
        columns.append(f"{name} {kind}" + ("" if name == "left_on" else " NOT NULL"))
    columns += [f"contacts {text} NOT NULL DEFAULT ''", f"contacts_key {text} NOT NULL DEFAULT ''",
                f"text {text} NOT NULL DEFAULT ''"]
    if sqlite:  # the member's own part of the text, which the member full-text index covers
        columns.append("member_text TEXT NOT NULL DEFAULT ''")
    return "CREATE TABLE member_search (" + ", ".join(columns) + ")"


def _indexes() -> list[str]:
    out = ["CREATE INDEX ix_member_search_name_key ON member_search (name_key, member_id)"]
    out += [f"CREATE INDEX ix_member_search_{k} ON member_search ({k}, name_key, member_id)" for k in SORTED]
    # the status bar's counts read only this (a covering index: a tenth of the table's pages)
    out.append("CREATE INDEX ix_member_search_counts ON member_search (joined_on, left_on, kind, size_key)")
    return out


def _member_values(max_date: str) -> str:
    return ", ".join(expr.format(max_date=max_date) for _name, expr in KEYS)


def _text(names: str, sqlite: bool) -> str:
    if sqlite:
        joined = "m.name" + "".join(f" || coalesce(' ' || nullif(m.{c}, ''), '')" for c in TEXT_FIELDS)
        return f"lower({joined} || coalesce(' ' || nullif({names}, ''), ''))"
    return ("lower(concat_ws(' ', m.name, " + ", ".join(f"nullif(m.{c}, '')" for c in TEXT_FIELDS)
            + f", nullif({names}, '')))")


_KEY_COLUMNS = ", ".join(name for name, _e in KEYS)

# --- SQLite -------------------------------------------------------------------------------------------

_S_MAX = "'9999-12-31'"
_S_NAMES = ("coalesce((SELECT group_concat(n, ', ') FROM (SELECT trim(c.first_name || ' ' || c.last_name) AS n "
            "FROM contact c WHERE c.member_id = {mid} AND c.erased_on IS NULL ORDER BY c.is_main DESC, c.id)), '')")


def _s_member_refresh(mid: str) -> str:
    """A member's own columns again (its contacts' names as they are in its row)."""
    return (f"UPDATE member_search SET ({_KEY_COLUMNS}, text, member_text) = (SELECT {_member_values(_S_MAX)}, "
            f"{_text('member_search.contacts', True)}, {_text(repr(''), True)} FROM member m WHERE m.id = {mid}) "
            f"WHERE member_id = {mid};")


def _s_contacts_refresh(mid: str, extra: str = "") -> str:
    """A member's contact names again (not for a member being deleted: its row goes with it)."""
    names = _S_NAMES.format(mid=mid)
    return (f"UPDATE member_search SET (contacts, contacts_key, text) = (SELECT x.names, lower(x.names), "
            f"{_text('x.names', True)} FROM member m, (SELECT {names} AS names) x WHERE m.id = {mid}) "
            f"WHERE member_id = {mid}{extra} AND EXISTS (SELECT 1 FROM member WHERE id = {mid});")


def _sqlite_up() -> list[str]:
    names = ("SELECT member_id, group_concat(n, ', ') AS names FROM (SELECT member_id, "
             "trim(first_name || ' ' || last_name) AS n FROM contact WHERE erased_on IS NULL "
             "ORDER BY member_id, is_main DESC, id) GROUP BY member_id")
    return [
        _table(True),
        f"INSERT INTO member_search (member_id, {_KEY_COLUMNS}, contacts, contacts_key, text, member_text) "
        f"SELECT m.id, {_member_values(_S_MAX)}, coalesce(g.names, ''), lower(coalesce(g.names, '')), "
        f"{_text('g.names', True)}, {_text(repr(''), True)} FROM member m LEFT JOIN ({names}) g ON g.member_id = m.id",
        *_indexes(),
        # Full-text (trigram) indexes: the member's own text, and each contact's name. Kept apart because
        # FTS5 writes a new index segment whenever a row it already holds changes in a transaction: a
        # member's text rewritten for every contact an import adds made 10,000 members take a minute.
        "CREATE VIRTUAL TABLE member_search_fts USING fts5("
        "member_text, content='member_search', content_rowid='member_id', tokenize='trigram')",
        "INSERT INTO member_search_fts (member_search_fts) VALUES ('rebuild')",
        "CREATE VIRTUAL TABLE member_search_fts_contact USING fts5(text, tokenize='trigram')",
        "INSERT INTO member_search_fts_contact (rowid, text) SELECT id, lower(trim(first_name || ' ' || last_name)) "
        "FROM contact WHERE erased_on IS NULL",
        """CREATE TRIGGER member_search_fts_ai AFTER INSERT ON member_search BEGIN
            INSERT INTO member_search_fts (rowid, member_text) VALUES (new.member_id, new.member_text); END""",
        """CREATE TRIGGER member_search_fts_ad AFTER DELETE ON member_search BEGIN
            INSERT INTO member_search_fts (member_search_fts, rowid, member_text)
            VALUES ('delete', old.member_id, old.member_text); END""",
        """CREATE TRIGGER member_search_fts_au AFTER UPDATE OF member_text ON member_search
            WHEN old.member_text IS NOT new.member_text BEGIN
            INSERT INTO member_search_fts (member_search_fts, rowid, member_text)
            VALUES ('delete', old.member_id, old.member_text);
            INSERT INTO member_search_fts (rowid, member_text) VALUES (new.member_id, new.member_text); END""",
        """CREATE TRIGGER member_search_fts_contact_ai AFTER INSERT ON contact WHEN new.erased_on IS NULL BEGIN
            INSERT INTO member_search_fts_contact (rowid, text)
            VALUES (new.id, lower(trim(new.first_name || ' ' || new.last_name))); END""",
        """CREATE TRIGGER member_search_fts_contact_au AFTER UPDATE OF first_name, last_name, erased_on ON contact BEGIN
            DELETE FROM member_search_fts_contact WHERE rowid = old.id;
            INSERT INTO member_search_fts_contact (rowid, text)
            SELECT new.id, lower(trim(new.first_name || ' ' || new.last_name)) WHERE new.erased_on IS NULL; END""",
        """CREATE TRIGGER member_search_fts_contact_ad AFTER DELETE ON contact BEGIN
            DELETE FROM member_search_fts_contact WHERE rowid = old.id; END""",
        # the table follows the members and their contacts
        f"""CREATE TRIGGER member_search_member_ai AFTER INSERT ON member BEGIN
            INSERT INTO member_search (member_id, {_KEY_COLUMNS}, text, member_text)
            SELECT m.id, {_member_values(_S_MAX)}, {_text("''", True)}, {_text("''", True)}
            FROM member m WHERE m.id = new.id; END""",
        f"""CREATE TRIGGER member_search_member_au AFTER UPDATE OF name, kind, size_class, enterprise_number, vat_number,
            postcode, municipality, province, country, fee_category, joined_on, left_on ON member BEGIN
            {_s_member_refresh("new.id")} END""",
        f"CREATE TRIGGER member_search_contact_ai AFTER INSERT ON contact BEGIN {_s_contacts_refresh('new.member_id')} END",
        f"""CREATE TRIGGER member_search_contact_au AFTER UPDATE OF first_name, last_name, is_main, erased_on, member_id
            ON contact BEGIN {_s_contacts_refresh("new.member_id")}
            {_s_contacts_refresh("old.member_id", " AND old.member_id <> new.member_id")} END""",
        f"CREATE TRIGGER member_search_contact_ad AFTER DELETE ON contact BEGIN {_s_contacts_refresh('old.member_id')} END",
    ]


SQLITE_DOWN = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in (
        "member_search_contact_ad", "member_search_contact_au", "member_search_contact_ai", "member_search_member_au",
        "member_search_member_ai", "member_search_fts_au", "member_search_fts_ad", "member_search_fts_ai",
        "member_search_fts_contact_ai", "member_search_fts_contact_au", "member_search_fts_contact_ad")),
    "DROP TABLE IF EXISTS member_search_fts_contact",
    "DROP TABLE IF EXISTS member_search_fts",
    "DROP TABLE IF EXISTS member_search",
]

# --- PostgreSQL ---------------------------------------------------------------------------------------


def _postgres_up() -> list[str]:
    updates = ", ".join(f"{c} = excluded.{c}" for c in [*(n for n, _e in KEYS), "contacts", "contacts_key", "text"])
    return [
        _table(False),
        f"""CREATE FUNCTION member_search_refresh(mid integer) RETURNS void LANGUAGE sql AS $$
            INSERT INTO member_search (member_id, {_KEY_COLUMNS}, contacts, contacts_key, text)
            SELECT m.id, {_member_values("DATE '9999-12-31'")}, x.names, lower(x.names), {_text("x.names", False)}
            FROM member m, LATERAL (
                SELECT coalesce(string_agg(trim(c.first_name || ' ' || c.last_name), ', '
                                           ORDER BY c.is_main DESC, c.id), '') AS names
                FROM contact c WHERE c.member_id = m.id AND c.erased_on IS NULL) x
            WHERE m.id = mid
            ON CONFLICT (member_id) DO UPDATE SET {updates}
        $$""",
        """CREATE FUNCTION member_search_member_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM member_search_refresh(NEW.id); RETURN NULL; END $$""",
        """CREATE FUNCTION member_search_contact_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP <> 'INSERT' THEN PERFORM member_search_refresh(OLD.member_id); END IF;
                IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.member_id IS DISTINCT FROM OLD.member_id) THEN
                    PERFORM member_search_refresh(NEW.member_id);
                END IF;
                RETURN NULL;
            END $$""",
        """CREATE TRIGGER member_search_member AFTER INSERT OR UPDATE OF name, kind, size_class, enterprise_number,
            vat_number, postcode, municipality, province, country, fee_category, joined_on, left_on ON member
            FOR EACH ROW EXECUTE FUNCTION member_search_member_changed()""",
        """CREATE TRIGGER member_search_contact AFTER INSERT OR DELETE OR UPDATE OF first_name, last_name, is_main,
            erased_on, member_id ON contact FOR EACH ROW EXECUTE FUNCTION member_search_contact_changed()""",
        "SELECT member_search_refresh(id) FROM member",
        *_indexes(),
    ]


POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS member_search_contact ON contact",
    "DROP TRIGGER IF EXISTS member_search_member ON member",
    "DROP FUNCTION IF EXISTS member_search_contact_changed()",
    "DROP FUNCTION IF EXISTS member_search_member_changed()",
    "DROP FUNCTION IF EXISTS member_search_refresh(integer)",
    "DROP TABLE IF EXISTS member_search",
]


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in _sqlite_up() if sqlite else _postgres_up():
        op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_DOWN if sqlite else POSTGRES_DOWN:
        op.execute(statement)
