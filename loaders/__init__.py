"""The data shell: the only code that opens files or the database."""
