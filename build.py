#!/usr/bin/env python3
"""Build every topic and edition of content/ into output/: `python build.py --help`."""
import sys

from handouts.cli import main

if __name__ == "__main__":
    sys.exit(main())
