"""The PySide6 application: the only package that imports Qt."""
