"""Errors a user can fix: printed as one line by the CLI, sent as a message by the server."""


class UserError(Exception):
    """Bad input or an unsupported request, with a message meant for the user (no traceback)."""
