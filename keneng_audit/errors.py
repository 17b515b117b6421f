"""The project's own error types; the CLI turns each into one stderr line and exit code 2."""


class KenengError(Exception):
    """Base of every error the CLI reports as a one-line message with exit code 2."""


class InputError(KenengError):
    """A report cannot be read (missing, empty, binary, undecodable, unsupported, corrupt)."""


class RuleFileError(KenengError):
    """A rule file is broken: YAML error, unknown kind, bad parameter, duplicate id, unknown table."""


class ConfigError(KenengError):
    """A configuration file or option is invalid."""
