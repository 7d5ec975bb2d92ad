"""Speed scenarios with the targets the issues name; run with ``make bench``."""
