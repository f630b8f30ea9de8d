"""The Excel 台账, both ways: :mod:`.layout` (the columns), :mod:`.export`
(workbook out), :mod:`.reader` (cells in, as edits), :mod:`.apply` (edits
through the splice editor of ``plan update``)."""
