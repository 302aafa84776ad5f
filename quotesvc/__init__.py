"""quotesvc: find quotations in news articles and say who said them.

Importing this package must stay cheap: it pulls in neither Flask nor SQLAlchemy.
"""

__version__ = "0.1.0"
