"""DejaVu Sans, shipped with the app (see LICENSE-DejaVu.txt) so PDFs never depend on system fonts."""
