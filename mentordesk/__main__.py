import sys

from mentordesk.cli import main

sys.exit(main())
