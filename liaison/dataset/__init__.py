"""The dataset: what a valid folder of tables is, reading it, and saving changes so nothing is lost.

Owns the CSV format and every rule that ties the tables together. It knows nothing of views,
figures or articles; the layers above read it through `store.Dataset` and write through
`changes.save` only.
"""
