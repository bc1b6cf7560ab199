"""Reading and writing files: importers, exporters and the atomic writer they share."""
