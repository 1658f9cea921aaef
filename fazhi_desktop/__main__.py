import sys

from fazhi_desktop.cli.main import main

sys.exit(main())
