"""Small widgets the window's parts share: an elided label, combo boxes refilled in place.

Qt only; may import nothing else of ``ui``.
"""
