"""The readers of each file format: a file → its sheets as grids of cell text with their merged areas.

`loaders.read.read_tables` detects the format, calls the reader (`xlsx`, `xls`, `ods`, `delimited` for
CSV, `word` for .docx) and turns each grid into a table by the rules written at the top of `loaders.read`.
"""
