"""What Help > About and `clustermanager about` show: version, where the data lives, bundled libraries.

Qt-free: the window's dialog and the command line both format `about_info()`.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass
from importlib import metadata

from clustermanager import __version__, config
from clustermanager.i18n import N_, _

# (distribution, shown name, licence, where its source is); the licences of what the installers ship.
LIBRARIES: list[tuple[str, str, str, str]] = [
    ("PySide6-Essentials", "Qt for Python (PySide6) and Qt", "LGPL-3.0-only", "https://www.qt.io/qt-for-python"),
    ("shiboken6", "Shiboken6", "LGPL-3.0-only", "https://www.qt.io/qt-for-python"),
    ("SQLAlchemy", "SQLAlchemy", "MIT", "https://www.sqlalchemy.org"),
    ("alembic", "Alembic", "MIT", "https://alembic.sqlalchemy.org"),
    ("openpyxl", "openpyxl", "MIT", "https://foss.heptapod.net/openpyxl/openpyxl"),
    ("python-calamine", "python-calamine (calamine)", "MIT", "https://github.com/dimastbk/python-calamine"),
    ("orjson", "orjson", "Apache-2.0 OR MIT", "https://github.com/ijl/orjson"),
    ("reportlab", "ReportLab", "BSD-3-Clause", "https://www.reportlab.com/opensource/"),
    ("python-stdnum", "python-stdnum", "LGPL-2.1-or-later", "https://arthurdejong.org/python-stdnum/"),
    ("platformdirs", "platformdirs", "MIT", "https://github.com/tox-dev/platformdirs"),
    ("defusedxml", "defusedxml", "PSF-2.0", "https://github.com/tiran/defusedxml"),
    ("segno", "Segno", "BSD-3-Clause", "https://github.com/heuer/segno"),
    ("babel", "Babel", "BSD-3-Clause", "https://babel.pocoo.org"),
    ("psycopg", "Psycopg", "LGPL-3.0-only", "https://www.psycopg.org"),
    ("pillow", "Pillow", "MIT-CMU", "https://python-pillow.org"),
]

QT_NOTICE = N_(
    "Qt for Python (PySide6) is LGPLv3: the bundle keeps Qt as separate shared libraries in the app folder; "
    "replace them with your own build of the same version. The LGPL libraries written in Python "
    "(python-stdnum, Psycopg) are kept as plain source files in the app folder for the same reason."
)


@dataclass(frozen=True)
class Library:
    name: str
    version: str  # "" when the library is not installed (an optional one, like Psycopg)
    licence: str
    url: str


@dataclass(frozen=True)
class AboutInfo:
    version: str
    database: str
    data_folder: str
    log_file: str
    python: str
    system: str
    libraries: tuple[Library, ...]
    qt_notice: str


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def bundled_libraries() -> tuple[Library, ...]:
    return tuple(Library(name, _version(dist), licence, url) for dist, name, licence, url in LIBRARIES)


def about_info(database: str | None = None) -> AboutInfo:
    """`database`: the open database's display name (a path, or a server URL without its password)."""
    return AboutInfo(
        version=__version__,
        database=database or str(config.default_database_path()),
        data_folder=str(config.data_dir()),
        log_file=str(config.log_file()),
        python=platform.python_version(),
        system=f"{platform.system()} {platform.release()} ({platform.machine()})",
        libraries=bundled_libraries(),
        qt_notice=_(QT_NOTICE),
    )


def about_text(info: AboutInfo) -> str:
    """Plain text for the terminal (the dialog lays out the same fields)."""
    lines = [
        f"ClusterManager {info.version}",
        _("Database: {path}").format(path=info.database),
        _("Data folder: {path}").format(path=info.data_folder),
        _("Log file: {path}").format(path=info.log_file),
        f"Python {info.python} (PSF-2.0), {info.system}",
        "",
        _("Bundled libraries:"),
    ]
    lines += [f"  {lib.name} {lib.version}  ({lib.licence})  {lib.url}" for lib in info.libraries if lib.version]
    lines += ["", info.qt_notice]
    return "\n".join(lines)
