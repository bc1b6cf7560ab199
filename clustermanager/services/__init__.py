"""Use cases. Each function takes a Session and plain arguments and returns frozen dataclasses.

The caller owns the transaction (`Database.session()`): a service never commits, so a failure
anywhere in a user action leaves the database as it was.
"""
