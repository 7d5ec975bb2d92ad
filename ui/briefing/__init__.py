"""Writing the briefing in the window, and the actor-stance matrix."""
