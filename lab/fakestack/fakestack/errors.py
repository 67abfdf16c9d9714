"""Exceptions named as the real OpenStack code names them, so a traceback's last line reads
e.g. `nova.exception.ValidationError: ...` as an operator would see it."""


def upstream(name, module):
    """An Exception subclass called `name` whose module (shown by tracebacks) is `module`."""
    return type(name, (Exception,), {'__module__': module})
