"""The one way every app asks whether a user holds a role.

An anonymous user has no roles attribute worth asking; checking sign-in first here keeps
each app's policies from repeating it.
"""


def has_role(user, *roles: str) -> bool:
    """Whether `user` is signed in and holds at least one of `roles`."""
    return bool(user.is_authenticated and user.has_role(*roles))
