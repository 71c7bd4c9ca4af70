"""The article extractor: one news text in, draft meetings out, in the shape of the hand labels.

Rule-based and bounded (size, line length, pattern work); it reads no data folder of its own:
the caller passes the codebook (topics, organisations) of the dataset being fed.
"""
