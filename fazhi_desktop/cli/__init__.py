"""The command line: `fazhi-desktop <verb>`, a thin layer over the domain packages."""
