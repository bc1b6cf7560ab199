"""The progress report: one pure function builds the figures (`figures.build_report`); the workbook,
the PDF, the agency template, the screen and the command line all read that one `ReportData`."""
