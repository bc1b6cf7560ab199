"""Table models: one list-model base, one fast filtering proxy, column memory and widths."""
