import sys

from selfmassage.cli import main

sys.exit(main())
