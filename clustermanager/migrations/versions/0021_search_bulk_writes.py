"""member search: bulk writes defer the search index to one set-based refill

Revision ID: 0021_search_bulk_writes
Revises: 0020_member_search
Create Date: 2026-12-02

The triggers of 0020 keep `member_search` (14 indexes) and the FTS5 tables in step row by row: an import
of 10,000 members and 20,000 contacts wrote each member's search row once, then again for every contact,
and the full-text indexes once per row (2.5 s of plain inserts became 43 s on a loaded machine). Now a
bulk writer (the member import, the workbook import, an undo, the demo) first puts a row in
`member_search_defer`: while it is there, the triggers only note which members (and, on SQLite, which
contacts) changed, in `member_search_stale(_contact)`. Deleting the row ends the deferral: a trigger on
that delete refills the noted members' search rows (and the contacts' full-text rows) in a few
set-based statements. The row is only ever seen by the transaction that wrote it (SQLite has one writer;
PostgreSQL shows no uncommitted row to others), and on PostgreSQL a deferred constraint trigger ends a
deferral that is still open at commit, so the index is right whatever the writer forgets.
Single writes (a form, the trash, an erasure) keep the row-by-row triggers of 0020.
"""
import importlib

from alembic import op

revision = '0021_search_bulk_writes'
down_revision = '0020_member_search'
branch_labels = None
depends_on = None

_0020 = importlib.import_module("clustermanager.migrations.versions.0020_member_search")
KEYS_SQL = _0020._KEY_COLUMNS
LIVE = "NOT EXISTS (SELECT 1 FROM member_search_defer)"
DEFERRED = "EXISTS (SELECT 1 FROM member_search_defer)"
MEMBER_COLUMNS = ("name, kind, size_class, enterprise_number, vat_number, postcode, municipality, province, country, "
                  "fee_category, joined_on, left_on")
CONTACT_COLUMNS = "first_name, last_name, is_main, erased_on, member_id"
_CONTACT_TEXT = "lower(trim(first_name || ' ' || last_name))"
STALE = "(SELECT member_id FROM member_search_stale)"

# --- SQLite -------------------------------------------------------------------------------------------

_S_LIVE_TRIGGERS = ("member_search_member_ai", "member_search_member_au", "member_search_contact_ai",
                    "member_search_contact_au", "member_search_contact_ad", "member_search_fts_contact_ai",
                    "member_search_fts_contact_au", "member_search_fts_contact_ad")
_S_DEFERRED_TRIGGERS = ("member_search_member_ai_later", "member_search_member_au_later",
                        "member_search_contact_ai_later", "member_search_contact_au_later",
                        "member_search_contact_ad_later", "member_search_defer_ad")


def _s_live() -> list[str]:
    """0020's triggers, each only while no bulk write defers the index."""
    m = _0020._member_values(_0020._S_MAX)
    return [
        f"""CREATE TRIGGER member_search_member_ai AFTER INSERT ON member WHEN {LIVE} BEGIN
            INSERT INTO member_search (member_id, {KEYS_SQL}, text, member_text)
            SELECT m.id, {m}, {_0020._text("''", True)}, {_0020._text("''", True)}
            FROM member m WHERE m.id = new.id; END""",
        f"""CREATE TRIGGER member_search_member_au AFTER UPDATE OF {MEMBER_COLUMNS} ON member WHEN {LIVE} BEGIN
            {_0020._s_member_refresh("new.id")} END""",
        f"""CREATE TRIGGER member_search_contact_ai AFTER INSERT ON contact WHEN {LIVE} BEGIN
            {_0020._s_contacts_refresh('new.member_id')} END""",
        f"""CREATE TRIGGER member_search_contact_au AFTER UPDATE OF {CONTACT_COLUMNS} ON contact WHEN {LIVE} BEGIN
            {_0020._s_contacts_refresh("new.member_id")}
            {_0020._s_contacts_refresh("old.member_id", " AND old.member_id <> new.member_id")} END""",
        f"""CREATE TRIGGER member_search_contact_ad AFTER DELETE ON contact WHEN {LIVE} BEGIN
            {_0020._s_contacts_refresh('old.member_id')} END""",
        f"""CREATE TRIGGER member_search_fts_contact_ai AFTER INSERT ON contact
            WHEN new.erased_on IS NULL AND {LIVE} BEGIN
            INSERT INTO member_search_fts_contact (rowid, text)
            VALUES (new.id, lower(trim(new.first_name || ' ' || new.last_name))); END""",
        f"""CREATE TRIGGER member_search_fts_contact_au AFTER UPDATE OF first_name, last_name, erased_on ON contact
            WHEN {LIVE} BEGIN
            DELETE FROM member_search_fts_contact WHERE rowid = old.id;
            INSERT INTO member_search_fts_contact (rowid, text)
            SELECT new.id, lower(trim(new.first_name || ' ' || new.last_name)) WHERE new.erased_on IS NULL; END""",
        f"""CREATE TRIGGER member_search_fts_contact_ad AFTER DELETE ON contact WHEN {LIVE} BEGIN
            DELETE FROM member_search_fts_contact WHERE rowid = old.id; END""",
    ]


def _s_refill() -> str:
    """The noted members' search rows and the noted contacts' full-text rows again, set-based."""
    names = ("SELECT member_id, group_concat(n, ', ') AS names FROM (SELECT member_id, "
             "trim(first_name || ' ' || last_name) AS n FROM contact WHERE erased_on IS NULL "
             f"AND member_id IN {STALE} ORDER BY member_id, is_main DESC, id) GROUP BY member_id")
    return f"""CREATE TRIGGER member_search_defer_ad AFTER DELETE ON member_search_defer WHEN {LIVE} BEGIN
        DELETE FROM member_search WHERE member_id IN {STALE};
        INSERT INTO member_search (member_id, {KEYS_SQL}, contacts, contacts_key, text, member_text)
        SELECT m.id, {_0020._member_values(_0020._S_MAX)}, coalesce(g.names, ''), lower(coalesce(g.names, '')),
            {_0020._text('g.names', True)}, {_0020._text(repr(''), True)}
        FROM member m LEFT JOIN ({names}) g ON g.member_id = m.id WHERE m.id IN {STALE};
        DELETE FROM member_search_stale;
        DELETE FROM member_search_fts_contact WHERE rowid IN (SELECT contact_id FROM member_search_stale_contact);
        INSERT INTO member_search_fts_contact (rowid, text) SELECT id, {_CONTACT_TEXT} FROM contact
        WHERE id IN (SELECT contact_id FROM member_search_stale_contact) AND erased_on IS NULL;
        DELETE FROM member_search_stale_contact;
    END"""


def _sqlite_up() -> list[str]:
    note = "INSERT OR IGNORE INTO member_search_stale (member_id) VALUES"
    note_contact = "INSERT OR IGNORE INTO member_search_stale_contact (contact_id) VALUES"
    return [
        "CREATE TABLE member_search_defer (flag INTEGER NOT NULL)",
        "CREATE TABLE member_search_stale (member_id INTEGER NOT NULL PRIMARY KEY)",
        "CREATE TABLE member_search_stale_contact (contact_id INTEGER NOT NULL PRIMARY KEY)",
        *(f"DROP TRIGGER {name}" for name in _S_LIVE_TRIGGERS),
        *_s_live(),
        f"""CREATE TRIGGER member_search_member_ai_later AFTER INSERT ON member WHEN {DEFERRED} BEGIN
            {note} (new.id); END""",
        f"""CREATE TRIGGER member_search_member_au_later AFTER UPDATE OF {MEMBER_COLUMNS} ON member WHEN {DEFERRED}
            BEGIN {note} (new.id); END""",
        f"""CREATE TRIGGER member_search_contact_ai_later AFTER INSERT ON contact WHEN {DEFERRED} BEGIN
            {note} (new.member_id); {note_contact} (new.id); END""",
        f"""CREATE TRIGGER member_search_contact_au_later AFTER UPDATE OF {CONTACT_COLUMNS} ON contact
            WHEN {DEFERRED} BEGIN {note} (new.member_id); {note} (old.member_id); {note_contact} (new.id); END""",
        f"""CREATE TRIGGER member_search_contact_ad_later AFTER DELETE ON contact WHEN {DEFERRED} BEGIN
            {note} (old.member_id); {note_contact} (old.id); END""",
        _s_refill(),
    ]


def _sqlite_down() -> list[str]:
    old = [s for s in _0020._sqlite_up() if s.lstrip().startswith("CREATE TRIGGER")
           and any(f"TRIGGER {name} " in s for name in _S_LIVE_TRIGGERS)]
    return [
        *(f"DROP TRIGGER IF EXISTS {name}" for name in (*_S_DEFERRED_TRIGGERS, *_S_LIVE_TRIGGERS)),
        *old,
        "DROP TABLE IF EXISTS member_search_stale_contact",
        "DROP TABLE IF EXISTS member_search_stale",
        "DROP TABLE IF EXISTS member_search_defer",
    ]


# --- PostgreSQL ---------------------------------------------------------------------------------------

_P_MEMBER = """CREATE OR REPLACE FUNCTION member_search_member_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM member_search_defer) THEN
            INSERT INTO member_search_stale (member_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
        ELSE
            PERFORM member_search_refresh(NEW.id);
        END IF;
        RETURN NULL;
    END $$"""
_P_CONTACT = """CREATE OR REPLACE FUNCTION member_search_contact_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE later boolean := EXISTS (SELECT 1 FROM member_search_defer);
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            IF later THEN INSERT INTO member_search_stale (member_id) VALUES (OLD.member_id) ON CONFLICT DO NOTHING;
            ELSE PERFORM member_search_refresh(OLD.member_id); END IF;
        END IF;
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.member_id IS DISTINCT FROM OLD.member_id) THEN
            IF later THEN INSERT INTO member_search_stale (member_id) VALUES (NEW.member_id) ON CONFLICT DO NOTHING;
            ELSE PERFORM member_search_refresh(NEW.member_id); END IF;
        END IF;
        RETURN NULL;
    END $$"""


def _p_refill() -> str:
    updates = ", ".join(f"{c} = excluded.{c}" for c in [*(n for n, _e in _0020.KEYS), "contacts", "contacts_key", "text"])
    return f"""CREATE FUNCTION member_search_refill() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM member_search_defer) THEN RETURN NULL; END IF;
        INSERT INTO member_search (member_id, {KEYS_SQL}, contacts, contacts_key, text)
        SELECT m.id, {_0020._member_values("DATE '9999-12-31'")}, coalesce(g.names, ''), lower(coalesce(g.names, '')),
            {_0020._text("g.names", False)}
        FROM member m LEFT JOIN (
            SELECT c.member_id, string_agg(trim(c.first_name || ' ' || c.last_name), ', '
                                           ORDER BY c.is_main DESC, c.id) AS names
            FROM contact c WHERE c.erased_on IS NULL AND c.member_id IN {STALE} GROUP BY c.member_id) g
            ON g.member_id = m.id
        WHERE m.id IN {STALE}
        ON CONFLICT (member_id) DO UPDATE SET {updates};
        DELETE FROM member_search_stale;
        RETURN NULL;
    END $$"""


def _postgres_up() -> list[str]:
    return [
        "CREATE TABLE member_search_defer (flag integer NOT NULL)",
        "CREATE TABLE member_search_stale (member_id integer NOT NULL PRIMARY KEY)",
        _P_MEMBER,
        _P_CONTACT,
        _p_refill(),
        """CREATE FUNCTION member_search_defer_commit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN DELETE FROM member_search_defer; RETURN NULL; END $$""",
        """CREATE TRIGGER member_search_defer_end AFTER DELETE ON member_search_defer
            FOR EACH STATEMENT EXECUTE FUNCTION member_search_refill()""",
        # a deferral still open when the transaction commits ends there (its refill runs before the commit)
        """CREATE CONSTRAINT TRIGGER member_search_defer_at_commit AFTER INSERT ON member_search_defer
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION member_search_defer_commit()""",
    ]


def _postgres_down() -> list[str]:
    old = [s for s in _0020._postgres_up() if "FUNCTION member_search_member_changed()" in s
           or "FUNCTION member_search_contact_changed()" in s]
    return [
        "DROP TRIGGER IF EXISTS member_search_defer_at_commit ON member_search_defer",
        "DROP TRIGGER IF EXISTS member_search_defer_end ON member_search_defer",
        "DROP FUNCTION IF EXISTS member_search_defer_commit()",
        "DROP FUNCTION IF EXISTS member_search_refill()",
        *(s.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION") for s in old),
        "DROP TABLE IF EXISTS member_search_stale",
        "DROP TABLE IF EXISTS member_search_defer",
    ]


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in _sqlite_up() if sqlite else _postgres_up():
        op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in _sqlite_down() if sqlite else _postgres_down():
        op.execute(statement)
