"""The columnar engine under the view: integer codes, postings and pre-aggregates built once per data version.

Sits between the dataset and the view: it reads `store.Dataset` frames and hands the view
whole-column answers (which meetings a state, topic or bloc belongs to; counts per group),
so a rerun touches arrays of integers rather than millions of strings.
"""
