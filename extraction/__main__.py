"""``python -m extraction``: see :mod:`extraction.cli`."""

import sys

from extraction.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
