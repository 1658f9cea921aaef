"""fazhi_desktop: offline 法治政府建设自查 with signed summary packages."""

__version__ = "0.1.0"
