"""PDF documents: the complaint dossier, the negotiation letter and their shared parts.

Start at `common.build_report`; `fonts` and `layout` hold what every document shares.
"""
