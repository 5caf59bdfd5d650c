"""gunicorn's access log, naming the route of a secret link but never its secret."""

from typing import Any

from gunicorn.glogging import Logger

from attunement.lib.redact import redact


class AccessLogger(Logger):
    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> Any:
        atoms = super().atoms(resp, req, environ, request_time)
        for key, value in atoms.items():
            if isinstance(value, str):
                atoms[key] = redact(value)
        return atoms
