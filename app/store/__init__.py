"""Storage on SQLite: tables, migrations, repositories and the unit of work."""
