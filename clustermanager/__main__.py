import sys

from clustermanager.cli import main

sys.exit(main())
