"""Files in and out: spreadsheets (read safely, mapped, previewed) and the full exchange workbook."""
