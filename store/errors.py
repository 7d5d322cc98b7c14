"""Errors a user can act on. Their message is shown as is, on one line."""

from __future__ import annotations


class UserError(Exception):
    """A problem with the user's input or setup, with a message saying how to fix it."""
