"""The member register asked of the database a page at a time: filtered, searched and sorted in SQL.

The window never holds the whole register (100,000 members were half a gigabyte): it asks for the rows
it shows (`page`), the counts under the table (`summary`) and where a member is in the current order
(`position`). Search words go through the search index kept by the database's triggers (migration
0020_member_search): on SQLite an FTS5 trigram index (a word of three letters or more), on PostgreSQL
a LIKE over the normalised text, served by pg_trgm's GIN index where the server has it (migration
0022_search_trigram; docs/architecture.md, "The member register"). The order and the
matches are the ones the in-memory register had: sort keys as `ui/members/table_model.COLUMNS` had
them, ties by name, a search word anywhere in the name, numbers, municipality, postcode or contacts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields

from sqlalchemy import Date, String, and_, case, func, literal_column, or_, select, text, tuple_, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import literal

from clustermanager.models import Member, MemberKind, SizeClass
from clustermanager.models.search import SORT_KEYS, member_search
from clustermanager.services.members import MemberRow

_NUMBERISH = re.compile(r"(be)?[\d.\s/-]+")
_FIELDS = tuple(f.name for f in fields(MemberRow))
_KINDS = {k.value: k for k in MemberKind}
_SIZES = {s.value: s for s in SizeClass} | {None: None}
_SMES = [s for s in SizeClass if s.is_sme]
S = member_search.c
TRIGRAM = 3  # FTS5's trigram index finds words of three characters or more; shorter ones are scanned
FEW = 10_000  # a short word matching fewer rows: its rows are found first, then sorted
WALK = 6_000  # a first page found along the sort's index within this many rows, or found the other way
SAMPLE = 2_000  # members looked at to guess how many a short word finds (`_guessed_count`)
BROAD = 15_000  # a trigram word the index holds more often than this is scanned (`indexed_words`)


def search_words(text: str) -> list[str]:
    """The words to look for: a number typed with dots, slashes or spaces is looked for as its digits
    (0417.497.106 finds 0417497106, +++123/4567/89012+++ a structured communication)."""
    needle = text.strip().lower().strip("+")
    if _NUMBERISH.fullmatch(needle) and sum(ch.isdigit() for ch in needle) >= 4:
        return ["".join(ch for ch in needle if ch.isdigit())]
    return needle.split()


@dataclass(frozen=True)
class RegisterFilter:
    """What the register shows: search text, kind, size class, membership status on a day."""

    text: str = ""
    kind: MemberKind | None = None
    size_class: SizeClass | None = None
    status: str = "all"  # "all", "active" (on `day`) or "former" (left before `day`)
    day: dt.date | None = None  # None: today

    def words(self) -> list[str]:
        return search_words(self.text)


@dataclass(frozen=True)
class Sort:
    column: str = "name"  # a column key of the register
    descending: bool = False


@dataclass(frozen=True)
class Counts:
    shown: int
    total: int
    active: int  # of the shown rows, active today
    sme_share: float | None  # SMEs among the shown active companies (None: no companies)


def _is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _terms(sort: Sort) -> list:
    """The sort key, the name key for ties (as the register's stable sort kept them), the id."""
    key = S[SORT_KEYS[sort.column]]
    return [key, S.member_id] if sort.column == "name" else [key, S.name_key, S.member_id]


def order_by(sort: Sort, *, reverse: bool = False) -> list:
    """Descending is the exact reverse of ascending (ties too): each order is one index read either way."""
    descending = sort.descending != reverse
    return [term.desc() if descending else term.asc() for term in _terms(sort)]


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _hits(connection, word: str) -> int:
    """How many members and contacts the trigram indexes hold for `word` (two lookups of the index's
    own lists, a millisecond): an estimate of the members it finds, to choose how to find them."""
    phrase = {"w": _phrase(word)}
    return sum(connection.execute(text(f"SELECT count(*) FROM {table} WHERE {table} MATCH :w"), phrase).scalar_one()
               for table in ("member_search_fts", "member_search_fts_contact"))


def indexed_words(session: Session, f: RegisterFilter) -> frozenset[str]:
    """SQLite: the words looked up through the trigram index; the others are scanned with LIKE over the
    search text's covering index (migrations 0024_search_text_scan, 0025_search_indexes), which reads a
    third of the table's pages. A word of one or two letters is scanned (no trigram); so is one the index finds in more than
    BROAD members and contacts ("gen": the index listed 20,000 ids, matched them against the contacts
    and sorted them, 40-60 ms; the scan is 13 ms and the page walks the name index a few hundred rows).
    The two ways find the same members: a word has no space, so `word in text` (the LIKE) is `word in`
    the member's own text or in one contact's name (the index), except for a word with a comma, which
    could span "Smet, Chloé" in the text: such a word always goes through the index, as before."""
    if _is_postgres(session):
        return frozenset()
    connection = session.connection()
    return frozenset(w for w in f.words() if len(w) >= TRIGRAM and ("," in w or _hits(connection, w) <= BROAD))


def _scanned(f: RegisterFilter, indexed: frozenset[str], postgres: bool) -> bool:
    """SQLite, every word scanned (none narrows the rows through the index): one pass over the text."""
    return not postgres and bool(f.words()) and not indexed


def conditions(f: RegisterFilter, today: dt.date, postgres: bool, *, scan: bool = False,
               few: bool = False, counting: bool = False, indexed: frozenset[str] | None = None,
               ordered_by: str | None = None) -> list:
    """The filter as WHERE terms. `scan`: keep SQLite off the status index (a short search word is
    checked on every row anyway: one pass over the table is quicker than 90,000 index lookups).
    `few`: a short word matches few rows, so find those first (then sort them) rather than walking
    the sort's index through all the rows it rejects. `counting`: keep SQLite off the kind and size
    sort indexes, so it counts along the counts' covering index (a kind's index made it look up 80,000
    rows one by one: 160 ms instead of 10). `indexed` (SQLite): the words looked up through the
    trigram index (`indexed_words`; None: every word of three letters or more). `ordered_by`: the
    column a page is sorted by; SQLite is kept off a kind or size index that does not give that order
    (companies by municipality: it took the kind's index and sorted 75,000 rows, 130-200 ms, where
    walking the municipality index and checking the kind finds a page in a few hundred rows), and
    former members sorted by the day they left are found as a range of that column's key."""
    where = []
    kind, size = S.kind, S.size_key
    # Found first (no `ordered_by`) through a word or the leavers rather than a kind or a size, which
    # SQLite would otherwise take (75,000 companies for 2,800 found by "gent": 145 ms, not 20).
    narrower = ordered_by is None and (bool(f.words()) or f.status == "former")
    # The orders a kind's or a size's own indexes give (migration 0025: kind then size or fee category,
    # size then kind or fee category).
    if not postgres and (counting or narrower or ordered_by not in (None, "name", "kind", "size_class", "fee_category")):
        kind = literal_column("+member_search.kind", String)
    if not postgres and (counting or narrower or ordered_by not in (None, "name", "size_class", "kind", "fee_category")):
        size = literal_column("+member_search.size_key", String)
    if f.kind is not None:
        where.append(kind == f.kind.value)
    if f.size_class is not None:
        where.append(size == f.size_class.value)
    day = f.day or today
    joined, left = S.joined_on, S.left_on
    if scan:  # SQLite's unary plus: the same value, no index
        joined, left = literal_column("+member_search.joined_on", Date), literal_column("+member_search.left_on", Date)
    if f.status == "active":
        where += [joined <= day, or_(left.is_(None), left >= day)]
        if ordered_by == "left_on":  # the same members as a range of left_key: the leavers, first, skipped
            where.append(S.left_key >= day)
    elif f.status == "former":
        # The same members again as a range of left_key (left_on, or 9999-12-31 for none), which has an
        # index: the 9% who left are found without reading the others; kept off it when a walk along
        # another sort's index is asked for.
        where += [left.is_not(None), left < day]
        if (not scan and not counting) or ordered_by == "left_on":  # a scan reads the text's index, without it
            where.append(S.left_key < day)
    for i, word in enumerate(f.words()):
        if not postgres and (word in indexed if indexed is not None else len(word) >= TRIGRAM):
            phrase = {f"w{i}": _phrase(word)}  # in the member's own text or in one of its contacts' names
            own = text(f"SELECT rowid FROM member_search_fts WHERE member_search_fts MATCH :w{i}").bindparams(
                **phrase).columns(literal_column("rowid"))
            people = text(f"SELECT c.member_id FROM contact c WHERE c.erased_on IS NULL AND c.id IN ("
                          f"SELECT rowid FROM member_search_fts_contact WHERE member_search_fts_contact MATCH :w{i})"
                          ).bindparams(**phrase).columns(literal_column("member_id"))
            where.append(or_(S.member_id.in_(own), S.member_id.in_(people)))
        elif postgres:
            where.append(postgres_contains(word))
        elif few:
            inner = member_search.alias(f"w{i}")
            where.append(S.member_id.in_(select(inner.c.member_id).where(inner.c.text.contains(word, autoescape=True))))
        else:
            where.append(S.text.contains(word, autoescape=True))
    return where


def postgres_contains(word: str):
    """PostgreSQL: `text LIKE '%word%'` with the word written into the SQL, not bound. The trigram index
    (migration 0022) serves a word of three letters or more; how well depends on the word: one that
    matches a few members is an index lookup, one found in every other member is quicker by walking the
    sort's index, and a word of one or two letters gives the index no trigram at all (a scan is quicker).
    A bound word lets the server reuse one generic plan for every word after a few searches (psycopg
    prepares a repeated statement): that plan took the index for "e" too, 320 ms instead of 50."""
    pattern = "%" + word.replace("/", "//").replace("%", "/%").replace("_", "/_") + "%"
    return S.text.like(literal(pattern, String, literal_execute=True), escape="/")


def _ids(session: Session, f: RegisterFilter, sort: Sort, offset: int, limit: int, today: dt.date, *,
         reverse: bool = False, total: int | None = None) -> list[int]:
    """SQLite, with `total` known: a first page (at either end) of a narrowed register is walked along
    the sort's index when its rows should fill it soon (`_walked_ids`); a filter that shows fewer than
    FEW members is otherwise found first through its own index (a word's, the leavers', a kind's) and
    sorted, a larger one walked along the sort's index."""
    postgres = _is_postgres(session)
    indexed = indexed_words(session, f)
    connection = session.connection()
    scanned = total is not None and _scanned(f, indexed, postgres)
    order = order_by(sort, reverse=reverse)
    narrowed = f.kind is not None or f.size_class is not None or f.status != "all" or scanned
    if (not postgres and narrowed and not indexed and offset == 0 and total
            and _walk_is_likely_short(connection, total, limit)):
        ids = _walked_ids(connection, f, sort, limit, today, reverse=reverse, indexed=indexed)
        if ids is not None:
            return ids
    few = total is not None and total < FEW
    if few and not postgres and (f.words() or f.status == "former"):
        # Found first through a word's index (the trigram index, or a pass over the search text's index:
        # in name order that index alone answers) or the leavers' range, then sorted.
        covered = scanned and sort.column == "name"
        where = conditions(f, today, False, scan=covered, counting=covered, few=scanned and not covered,
                           indexed=indexed)
        query = select(S.member_id).where(*where).order_by(*_order_without_its_index(sort, reverse=reverse))
    else:  # a kind's or a size's index gives its rows in name order, or with the sort's (0025)
        query = (select(S.member_id).where(*conditions(f, today, postgres, indexed=indexed,
                                                       ordered_by=None if few else sort.column)).order_by(*order))
    return list(connection.execute(query.offset(offset).limit(limit)).scalars())


def _order_without_its_index(sort: Sort, *, reverse: bool) -> list:
    """The sort's order written with SQLite's unary plus: the same order, but no index serves it, so
    SQLite finds the rows through the filter's own index (a word's, the leavers' range, a kind's) and
    sorts them, rather than walking the sort's index through every row the filter rejects (631 former
    government members by fee category: it walked the fee index, 215-250 ms, not 15). In name order
    with a scanned word it reads the one index that holds every column asked for (the search text's,
    migration 0025)."""
    descending = sort.descending != reverse
    columns = [SORT_KEYS[sort.column], "member_id"] if sort.column == "name" else [
        SORT_KEYS[sort.column], "name_key", "member_id"]
    terms = [literal_column(f"+member_search.{column}") for column in columns]
    return [term.desc() if descending else term.asc() for term in terms]


def _walk_is_likely_short(connection, total: int, limit: int) -> bool:
    """Would a page of `limit` matches, spread evenly along the sort's index, be found within half of
    WALK rows? (`total` of the members match; the highest id stands for all of them.)"""
    members = connection.execute(select(func.max(S.member_id))).scalar() or 0
    return limit * members <= total * WALK // 2


def _walked_ids(connection, f: RegisterFilter, sort: Sort, limit: int, today: dt.date, *, reverse: bool,
                indexed: frozenset[str]) -> list[int] | None:
    """SQLite, the first page at either end of a filtered register: walk the sort's index, but no further
    than WALK rows (a bound on the sort's own terms, found by an index-only step of WALK rows); None if
    the page is not complete by then. A short word found in thousands of members ("ij": 8,000 of
    100,000) fills its first page within 2,500 rows (5 ms), where finding all its rows first and sorting
    them costs 25-40 ms; but the rows may bunch at one end of the order ("x": none in the first 10,000
    names; government members, who have no size, all sort last by size), and an unbounded walk would
    then read every row (140-175 ms)."""
    terms = _terms(sort)
    order = order_by(sort, reverse=reverse)
    bound = connection.execute(select(*terms).order_by(*order).offset(WALK).limit(1)).first()
    where = conditions(f, today, False, scan=True, indexed=indexed, ordered_by=sort.column)
    if bound is not None:
        backwards = sort.descending != reverse
        where.append(tuple_(*terms) >= tuple_(*bound) if backwards else tuple_(*terms) <= tuple_(*bound))
    ids = list(connection.execute(select(S.member_id).where(*where).order_by(*order).limit(limit)).scalars())
    return ids if bound is None or len(ids) == limit else None


def page(session: Session, f: RegisterFilter, sort: Sort, offset: int, limit: int, *,
         total: int | None = None, today: dt.date | None = None) -> list[MemberRow]:
    """The rows `offset` .. `offset + limit` of the register in `sort` order. With `total` (the
    filter's count), a page in the second half is read from the end in reverse order: as quick as
    the first page (an OFFSET of 99,800 would walk 99,800 index entries)."""
    today = today or dt.date.today()
    if total is not None and offset >= total:
        return []  # nothing matches (a word found nowhere): no scan to find that out again
    if total is not None and offset > total // 2:
        end = min(offset + limit, total)
        ids = (_ids(session, f, sort, total - end, end - offset, today, reverse=True, total=total)[::-1]
               if end > offset else [])
    else:
        ids = _ids(session, f, sort, offset, limit, today, total=total)
    return rows_by_id(session, ids)


def first_page(session: Session, f: RegisterFilter, sort: Sort, limit: int, *,
               today: dt.date | None = None) -> tuple[int, list[MemberRow]]:
    """`count()` and the first `limit` rows of `page()`, as a new filter needs them.

    SQLite, every word scanned, in name order, a word that finds few members (as guessed from a sample):
    one pass over the search text's index (migration 0025) keeps the matches with their names, then
    counts and sorts those, where counting and then paging passed over the index twice ("ag", 2,600 of
    100,000: 33 ms, not 55). A word found more often is counted, then its first page walked along the
    name index (a few hundred rows): listing its matches would cost more than the walk saves."""
    today = today or dt.date.today()
    if sort.column == "name" and _scanned(f, indexed := indexed_words(session, f), _is_postgres(session)) \
            and _guessed_count(session, f, today, indexed) < FEW * 3 // 4:
        listed = (select(S.member_id, S.name_key)
                  .where(*conditions(f, today, False, scan=True, counting=True, indexed=indexed))
                  .limit(FEW).cte("listed").prefix_with("MATERIALIZED"))
        found = select(func.count()).select_from(listed).scalar_subquery()
        order = [listed.c.name_key, listed.c.member_id]
        query = (select(found, listed.c.member_id)
                 .order_by(*(term.desc() if sort.descending else term.asc() for term in order)).limit(limit))
        answer = session.connection().execute(query).all()
        total = answer[0][0] if answer else 0
        if total < FEW:  # else the guess was wrong: counted and paged the other way
            return total, rows_by_id(session, [member_id for _found, member_id in answer])
    total = count(session, f, today)
    return total, page(session, f, sort, 0, limit, total=total, today=today)


def _guessed_count(session: Session, f: RegisterFilter, today: dt.date, indexed: frozenset[str]) -> int:
    """About how many members the filter shows: its matches among the SAMPLE oldest members (by id),
    scaled to all of them (a millisecond; within 20% on the demo's words)."""
    connection = session.connection()
    bound = connection.execute(select(S.member_id).order_by(S.member_id).offset(SAMPLE - 1).limit(1)).scalar()
    if bound is None:
        return 0  # fewer members than the sample: any way is quick
    hits = connection.execute(select(func.count()).select_from(member_search).where(
        S.member_id <= bound, *conditions(f, today, False, scan=True, counting=True, indexed=indexed))).scalar_one()
    members = connection.execute(select(func.count()).select_from(member_search)).scalar_one()
    return hits * members // SAMPLE


def rows_by_id(session: Session, ids: list[int]) -> list[MemberRow]:
    """The register's rows of these members, in this order."""
    if not ids:
        return []
    as_text = String()
    query = (select(Member.id, Member.name, type_coerce(Member.kind, as_text), type_coerce(Member.size_class, as_text),
                    Member.enterprise_number, Member.vat_number, Member.postcode, Member.municipality,
                    Member.province, Member.country, Member.fee_category, type_coerce(Member.joined_on, as_text),
                    type_coerce(Member.left_on, as_text), S.contacts, S.text)
             .select_from(Member).outerjoin(member_search, S.member_id == Member.id).where(Member.id.in_(ids)))
    found = {row.id: row for row in _rows(session.connection().execute(query).all())}
    return [found[i] for i in ids if i in found]


def count(session: Session, f: RegisterFilter, today: dt.date | None = None) -> int:
    """How many rows the filter shows (what the table needs before its first page; `summary` has the rest)."""
    today = today or dt.date.today()
    postgres = _is_postgres(session)
    indexed = indexed_words(session, f)
    query = select(func.count()).select_from(member_search).where(
        *conditions(f, today, postgres, scan=_scanned(f, indexed, postgres), counting=True, indexed=indexed))
    return session.connection().execute(query).scalar_one()


def summary(session: Session, f: RegisterFilter, today: dt.date | None = None) -> Counts:
    """How many rows the filter shows, of how many; how many of them are active today and the SME share
    among those that are companies (the status bar's counts)."""
    today = today or dt.date.today()
    active = and_(S.joined_on <= today, or_(S.left_on.is_(None), S.left_on >= today))
    company = and_(active, S.kind == MemberKind.COMPANY.value)
    sme = and_(company, S.size_key.in_([s.value for s in _SMES]))
    one = lambda cond: func.coalesce(func.sum(case((cond, 1), else_=0)), 0)  # noqa: E731
    postgres = _is_postgres(session)
    indexed = indexed_words(session, f)
    query = select(func.count(), one(active), one(company), one(sme)).where(
        *conditions(f, today, postgres, scan=_scanned(f, indexed, postgres), counting=True, indexed=indexed))
    shown, actives, companies, smes = session.connection().execute(query).one()
    total = session.connection().execute(select(func.count()).select_from(member_search)).scalar_one()
    return Counts(shown, total, actives, smes / companies if companies else None)


def position(session: Session, f: RegisterFilter, sort: Sort, member_id: int,
             today: dt.date | None = None) -> int | None:
    """Where member `member_id` is in the register's current order (0-based); None if not shown: the
    rows before it counted along the sort's index."""
    today = today or dt.date.today()
    where = conditions(f, today, _is_postgres(session), indexed=indexed_words(session, f), ordered_by=sort.column)
    terms = _terms(sort)
    connection = session.connection()
    own = connection.execute(select(*terms).where(S.member_id == member_id, *where)).first()
    if own is None:
        return None
    before = tuple_(*terms) > tuple_(*own) if sort.descending else tuple_(*terms) < tuple_(*own)
    return connection.execute(select(func.count()).select_from(member_search).where(before, *where)).scalar_one()


def _as_date(value):
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def _rows(raw) -> list[MemberRow]:
    new, kinds, sizes, as_date = object.__new__, _KINDS, _SIZES, _as_date
    rows = []
    for id_, name, kind, size, number, vat, postcode, town, province, country, category, joined, left, contacts, \
            haystack in raw:
        row = new(MemberRow)
        # A frozen dataclass only blocks attribute assignment; filling __dict__ skips its slow __init__.
        row.__dict__.update(zip(_FIELDS, (
            id_, name, kinds[kind], sizes[size], number, vat, postcode, town, province, country, category,
            as_date(joined), as_date(left), contacts or "", haystack or "",
        ), strict=True))
        rows.append(row)
    return rows
