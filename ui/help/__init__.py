"""The Help menu: the keyboard shortcuts sheet and About."""
