"""Errors that services raise and that pages and the API both answer the same way."""


class Conflict(Exception):
    """The request would break something other records depend on (deleting a prerequisite
    that applicants answered, ...). The API answers 409 with the message as `detail`
    (core.api.exception_handler); pages show the same message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


IN_USE_MESSAGE = (
    "This cannot be deleted because other records depend on it. Remove or change those first."
)
