"""Words: every user-facing string in English and French, and the names of states.

The bottom layer: everything else may speak through it, and it reads nothing but its own
locale files and pycountry.
"""
