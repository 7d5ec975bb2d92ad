"""The export dialog: filters with a live count, briefing options, a job off the GUI thread."""
