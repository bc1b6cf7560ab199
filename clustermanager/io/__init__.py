"""Reading and writing files: imports, exports, atomic writes."""
