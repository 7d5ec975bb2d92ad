"""Review: the statuses a passage moves through, verdict threads, the queue's index.

The queue's queries are the store's (``store.queue``); this package holds the rules
(who may move a passage where) and the in-memory index of the queue. Layer: may
import ``edits``, ``store``, ``file`` and ``text``, with the shared core modules
(``model``, ``errors``, ``clock``, ``memory``, ``paths``, ``words``); never
``team``, ``briefing``, ``library``, ``project`` or ``cli``.
"""
