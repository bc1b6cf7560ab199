"""The agency's indicators: the built-in catalogue (each a figure of the report), custom indicators,
targets, and whether the cluster is on track (docs/indicators.md)."""
