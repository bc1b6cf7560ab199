"""Opening a database at the newest schema decides so without Alembic; anything unusual goes to Alembic."""

from clustermanager import migrations


def test_plain_head_agrees_with_alembic():
    assert migrations._plain_head() == migrations.head_revision()


def test_plain_head_reads_typed_and_chained_revisions(tmp_path, monkeypatch):
    (tmp_path / "0001_initial.py").write_text("revision = '0001'\ndown_revision = None\n")
    (tmp_path / "perf_0002.py").write_text(
        'revision: str = "perf_0002"\ndown_revision: Union[str, None] = "0001"\n')
    (tmp_path / "__init__.py").write_text("")
    monkeypatch.setattr(migrations, "VERSIONS", tmp_path)
    assert migrations._plain_head() == "perf_0002"


def test_a_merge_or_two_heads_is_left_to_alembic(tmp_path, monkeypatch):
    (tmp_path / "0001_initial.py").write_text("revision = '0001'\ndown_revision = None\n")
    (tmp_path / "a_0002.py").write_text("revision = 'a_0002'\ndown_revision = '0001'\n")
    (tmp_path / "b_0002.py").write_text("revision = 'b_0002'\ndown_revision = '0001'\n")
    monkeypatch.setattr(migrations, "VERSIONS", tmp_path)
    assert migrations._plain_head() is None  # two heads
    (tmp_path / "merge.py").write_text("revision = 'm'\ndown_revision = ('a_0002', 'b_0002')\n")
    assert migrations._plain_head() is None  # a tuple is not the plain form


def test_current_revision_of_a_new_database_is_none(tmp_path):
    from clustermanager.db import open_database

    db = open_database(tmp_path / "x.cmdb", migrate=False)
    assert migrations._plain_current(db) is None
    db.close()
