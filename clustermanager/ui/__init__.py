"""The PySide6 window: a thin skin over the Qt-free services (the only package that imports Qt)."""
