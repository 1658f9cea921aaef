"""The Qt layer: a thin shell of models, views, dialogs and background tasks over the domain packages."""

from fazhi_desktop.ui import pyside_fixes

# Before any window exists: every signal emitted from Python depends on it (see pyside_fixes.py).
pyside_fixes.install()
