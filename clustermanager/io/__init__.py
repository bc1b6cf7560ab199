"""Reading and writing files: workbooks, bank statements, atomic writes."""
