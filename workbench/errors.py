"""The errors the core raises for the user to read: one clear sentence each."""


class WorkbenchError(Exception):
    """Base of every error whose message is meant for the user as it is."""


class ProjectFileError(WorkbenchError):
    """The project file cannot be opened: not SQLite, not a project, newer, damaged."""


class ImportRefused(WorkbenchError):
    """A file was refused by the importers (binary, empty, too large, scanned...)."""


class NotFound(WorkbenchError):
    """A document, tag, actor or annotation named by the user does not exist."""


class AmbiguousReference(WorkbenchError):
    """A reference (id prefix, title, quote) matches more than one thing."""


class ProjectDamaged(ProjectFileError):
    """The project file is damaged: a backup is the way back."""


class ProjectLocked(ProjectFileError):
    """Another program holds the project file's lock; trying again later may work."""


class StoreWriteError(WorkbenchError):
    """A change could not be saved (locked, read-only, disk full): nothing was changed."""


class Cancelled(WorkbenchError):
    """The user stopped a piece of work; what it had not finished was not written."""
