"""Allow ``python -m quotesvc``."""

from quotesvc.cli import main

if __name__ == "__main__":
    main()
