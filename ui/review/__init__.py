"""The review queue: every passage of the project in one table, for supervisors and analysts."""
