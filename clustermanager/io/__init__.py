"""Reading and writing files: workbooks, CSV, bank statements, atomic writes."""
