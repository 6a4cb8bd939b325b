"""`make bench`: speed, page weight and search figures for the built site, against a stock
Material build of the same docs/ and against the budgets in bench/budgets.yml."""
