"""The bottom layer: settings helpers, encryption, paging, errors and web plumbing.

Nothing here imports any other part of attunement; every app may import from here.
"""
