"""Team work in the window: merging analysts' projects, conflicts, agreement, orphans."""
