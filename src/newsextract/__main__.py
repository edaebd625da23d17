"""python -m newsextract"""

from .cli import main

raise SystemExit(main())
