"""Every change to the database recorded in its own transaction (docs/history.md): the session events
(`recorder`), which tables are recorded and how a record is named (`registry`), and how values are
stored (`values`). Installed on every session factory by `db.open_database`; reading the history,
undo/redo and the trash are `services.history`."""
