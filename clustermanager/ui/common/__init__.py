"""Widgets every feature uses: dialogs, forms, errors, headers, the record dialog."""
