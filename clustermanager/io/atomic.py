"""Write files so that a crash never leaves half a file: a temporary file beside the target, renamed."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from clustermanager.errors import UserError
from clustermanager.i18n import _
from clustermanager.open_files import refuse_if_database


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces `path` in one rename."""
    target = Path(path)
    refuse_if_database(target)  # `export workbook s.cmdb` must never replace the open database
    if not target.parent.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=target.parent))
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            raise UserError(
                _("Cannot write {file}: it is open in another program or read-only. Close it and try again.").format(
                    file=target)
            ) from exc
    finally:
        tmp.unlink(missing_ok=True)
