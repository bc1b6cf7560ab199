"""The column mapping is remembered per set of headers (a setting in the database)."""

from clustermanager.services.import_mappings import load_saved_mapping, mapping_for, save_mapping


def test_mapping_is_remembered_per_header_set(session):
    headers = ["Naam", "Kolom X", "Gemeente"]
    assert load_saved_mapping(session, headers) is None
    save_mapping(session, headers, ("name", "notes", "municipality"))
    assert mapping_for(session, ["naam ", "Kolom x", "GEMEENTE"]) == ("name", "notes", "municipality")
    assert mapping_for(session, ["Naam", "Gemeente"]) == ("name", "municipality")
