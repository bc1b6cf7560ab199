"""Helpers the tests share: hand-built worlds, fingerprints of a database, hostile inputs, log isolation."""
